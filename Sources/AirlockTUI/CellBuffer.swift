/// A rectangle of terminal cells that panes render into; the terminal adapter blits it.
public struct CellBuffer: Equatable, Sendable {
    public struct Cell: Equatable, Sendable {
        public var character: Character
        public init(_ character: Character = " ") { self.character = character }
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// The rows as plain strings, for tests that read the screen.
    public var lines: [String] {
        (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].map(\.character)) }
    }
}
