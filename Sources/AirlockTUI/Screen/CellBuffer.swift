import AirlockCore

/// A rectangle of terminal cells that panes render into; the terminal adapter blits it.
public struct CellBuffer: Equatable, Sendable {
    public struct Cell: Equatable, Sendable {
        public var character: Character
        /// Columns the character takes: 1, 2 for a wide character, 0 for the cell a wide
        /// character to its left covers.
        public var width: UInt8
        public var role: StyleRole
        /// Drawn highlighted (the cursor row, a marked item) on top of its role.
        public var selected: Bool

        public init(_ character: Character = " ", width: UInt8 = 1, role: StyleRole = .text, selected: Bool = false) {
            self.character = character
            self.width = width
            self.role = role
            self.selected = selected
        }

        static let blank = Cell()
        static let covered = Cell(" ", width: 0)
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var size: Size { Size(width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// The rows as plain strings, for tests that read the screen; a wide character's
    /// covered cell adds nothing.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for cell in cells[(y * width)..<((y + 1) * width)] where cell.width > 0 { line.append(cell.character) }
            return line
        }
    }

    /// The role of every cell in row `y`, for tests that check styles where they matter.
    public func roles(row y: Int) -> [StyleRole] {
        (0..<width).map { self[$0, y].role }
    }

    // MARK: - drawing

    /// Writes `text` from column `x` of row `y`, no further than `limit` columns (to the
    /// right edge when nil), and returns the column after the last one written. The text
    /// is shown as `VisibleText` shows it: nothing it holds reaches the terminal as a
    /// control. A wide character that does not fit is left out rather than cut in half.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, limit: Int? = nil, role: StyleRole = .text, selected: Bool = false) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        var column = x
        for character in VisibleText.escape(String(text)) {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // A combining mark joins the character already drawn to its left.
                if column > x, column - 1 < width, column - 1 >= 0 {
                    var cell = self[column - 1, y]
                    if cell.width == 0, column - 2 >= 0 { cell = self[column - 2, y] }
                    cell.character = Character(String(cell.character) + String(character))
                    self[cell.width == 2 ? column - 2 : column - 1, y] = cell
                }
                continue
            }
            if column + w > end { break }
            if column >= 0 {
                self[column, y] = Cell(character, width: UInt8(w), role: role, selected: selected)
                if w == 2 { self[column + 1, y] = Cell(" ", width: 0, role: role, selected: selected) }
            }
            column += w
        }
        return column
    }

    /// Fills a rectangle with blanks of one role.
    public mutating func fill(_ rect: Rect, role: StyleRole = .text, selected: Bool = false) {
        for y in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) {
                self[x, y] = Cell(" ", role: role, selected: selected)
            }
        }
    }

    /// The column after the last cell in `rect` on row `y` that is not a blank of the
    /// plain text role, or `rect.x` when the row is empty.
    public func extent(row y: Int, in rect: Rect) -> Int {
        guard y >= 0, y < height else { return rect.x }
        var x = min(width, rect.maxX)
        while x > rect.x {
            let cell = cells[y * width + x - 1]
            if cell.character != " " || cell.width == 0 { break }
            x -= 1
        }
        return max(x, min(width, rect.x + 1))
    }

    /// Marks every cell of a row segment selected (or not) without changing its text.
    public mutating func select(row y: Int, from x: Int, width w: Int, _ selected: Bool = true) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + w) { cells[y * width + column].selected = selected }
    }
}

public struct Size: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

public struct Rect: Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var size: Size { Size(width: width, height: height) }
    /// The rectangle inside a one-cell border.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
}
