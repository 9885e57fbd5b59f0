import AirlockTUI
import CNcursesW

/// The ncurses attributes and colour pair of each role, selected or not, under one theme
/// and colour depth; pairs are allocated the first time a combination is drawn.
struct StylePalette {
    struct Drawn: Equatable {
        var attributes: attr_t
        var pair: Int16
    }

    private struct Key: Hashable {
        var role: StyleRole
        var selected: Bool
    }

    private struct Colours: Hashable {
        var foreground: Int
        var background: Int
    }

    let theme: Theme
    let depth: ColourDepth
    /// Pairs ncurses has room for; past it, colours fall back to the terminal's.
    let pairLimit: Int
    private var styles: [Key: Drawn] = [:]
    private var pairs: [Colours: Int16] = [:]

    init(theme: Theme, depth: ColourDepth, pairLimit: Int) {
        self.theme = theme
        self.depth = depth
        self.pairLimit = min(pairLimit, Int(Int16.max))
    }

    mutating func style(_ role: StyleRole, selected: Bool) -> Drawn {
        let key = Key(role: role, selected: selected)
        if let known = styles[key] { return known }
        let style = theme.terminalStyle(for: role, selected: selected, depth: depth)
        let drawn = Drawn(attributes: Self.attributes(style.attributes), pair: pair(style))
        styles[key] = drawn
        return drawn
    }

    var pairsAllocated: Int { pairs.count }

    private mutating func pair(_ style: TerminalStyle) -> Int16 {
        guard depth > .none, style.foreground >= 0 || style.background >= 0 else { return 0 }
        let colours = Colours(foreground: style.foreground, background: style.background)
        if let known = pairs[colours] { return known }
        let number = pairs.count + 1
        guard number < pairLimit, init_pair(Int16(number), Int16(style.foreground), Int16(style.background)) != ERR else { return 0 }
        pairs[colours] = Int16(number)
        return Int16(number)
    }

    static func attributes(_ attributes: TextAttributes) -> attr_t {
        var value = airlock_a_normal()
        if attributes.contains(.bold) { value |= airlock_a_bold() }
        if attributes.contains(.dim) { value |= airlock_a_dim() }
        if attributes.contains(.underline) { value |= airlock_a_underline() }
        if attributes.contains(.reverse) { value |= airlock_a_reverse() }
        if attributes.contains(.italic) { value |= airlock_a_italic() }
        return value
    }
}
