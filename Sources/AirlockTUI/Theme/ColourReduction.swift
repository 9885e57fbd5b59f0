/// How many colours a terminal shows.
public enum ColourDepth: Int, Comparable, Sendable, CaseIterable {
    /// None (`TERM=vt100`, or `NO_COLOR` set): roles differ by attributes alone.
    case none
    /// The eight ANSI colours (`TERM=xterm`); 16-colour terminals count here too.
    case eight
    /// The 256-colour palette (`*-256color`).
    case palette256

    public static func < (lhs: ColourDepth, rhs: ColourDepth) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A style as a terminal of some depth draws it: palette indexes (-1 is the terminal's
/// default colour) and attributes.
public struct TerminalStyle: Hashable, Sendable {
    public var foreground: Int
    public var background: Int
    public var attributes: TextAttributes

    public init(foreground: Int = -1, background: Int = -1, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

extension Theme {
    /// The style of a cell of `role` on a terminal of `depth`. Without colour every role
    /// takes the monochrome theme's attributes, so states stay apart by attributes alone.
    public func terminalStyle(for role: StyleRole, selected: Bool, depth: ColourDepth) -> TerminalStyle {
        guard depth > .none else {
            return TerminalStyle(attributes: Theme.monochrome.style(for: role, selected: selected).attributes)
        }
        let style = style(for: role, selected: selected)
        let foreground = (style.foreground ?? .terminalDefault).reduced(to: depth)
        let background = (style.background ?? .terminalDefault).reduced(to: depth)
        var reduced = TerminalStyle(
            foreground: foreground.index, background: background.index,
            attributes: style.attributes.union(foreground.attributes))
        // Two colours that were apart can land on one entry: keep the text readable.
        if reduced.foreground >= 0, reduced.foreground == reduced.background { reduced.foreground = -1 }
        return reduced
    }
}

extension Colour {
    /// The nearest palette index a terminal of `depth` has (-1 for the terminal's
    /// default), with attributes that make up for what was lost: `bright-black` on eight
    /// colours is the default colour dimmed, since black would vanish on a dark screen.
    public func reduced(to depth: ColourDepth) -> (index: Int, attributes: TextAttributes) {
        switch (self, depth) {
        case (_, .none), (.terminalDefault, _): return (-1, [])
        case (.ansi(let n), .palette256), (.indexed(let n), .palette256): return (n, [])
        case (.rgb(let r, let g, let b), .palette256): return (Self.nearest(in: 16..<256, to: (r, g, b)), [])
        case (.ansi(let n), .eight): return Self.eightOfSixteen(n)
        case (.indexed(let n), .eight) where n < 16: return Self.eightOfSixteen(n)
        case (.indexed(let n), .eight): return (Self.nearest(in: 0..<8, to: Self.rgb(ofIndex: n)), [])
        case (.rgb(let r, let g, let b), .eight): return (Self.nearest(in: 0..<8, to: (r, g, b)), [])
        }
    }

    private static func eightOfSixteen(_ n: Int) -> (index: Int, attributes: TextAttributes) {
        n == 8 ? (-1, .dim) : (n % 8, [])
    }

    /// The palette entry in `candidates` closest to a colour, by distance in RGB.
    static func nearest(in candidates: Range<Int>, to colour: (UInt8, UInt8, UInt8)) -> Int {
        var best = candidates.lowerBound
        var bestDistance = Int.max
        for index in candidates {
            let entry = rgb(ofIndex: index)
            let dr = Int(entry.0) - Int(colour.0), dg = Int(entry.1) - Int(colour.1), db = Int(entry.2) - Int(colour.2)
            let distance = dr * dr + dg * dg + db * db
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }

    /// The colour xterm shows for a palette index: 16 system colours, a 6×6×6 cube, 24 greys.
    static func rgb(ofIndex index: Int) -> (UInt8, UInt8, UInt8) {
        switch index {
        case 0..<16: return systemColours[index]
        case 16..<232:
            let cube = index - 16
            let level: (Int) -> UInt8 = { $0 == 0 ? 0 : UInt8(55 + $0 * 40) }
            return (level(cube / 36), level((cube / 6) % 6), level(cube % 6))
        case 232..<256:
            let grey = UInt8(8 + (index - 232) * 10)
            return (grey, grey, grey)
        default: return (0, 0, 0)
        }
    }

    private static let systemColours: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}
