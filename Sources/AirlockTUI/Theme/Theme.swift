import AirlockCore

/// How the cockpit looks: a style for every `StyleRole`, and the style laid over a cell's
/// own when the cell is selected. Themes are TOML files; see `Theme.parse`.
public struct Theme: Equatable, Sendable {
    public var name: String
    /// The theme file's `description`, one line for `airlock themes`.
    public var summary: String
    public var roles: [StyleRole: CellStyle]
    public var selection: CellStyle

    public init(name: String, summary: String = "", roles: [StyleRole: CellStyle], selection: CellStyle) {
        self.name = name
        self.summary = summary
        self.roles = roles
        self.selection = selection
    }

    /// The style a cell of `role` is drawn with, the selection laid over it when selected.
    public func style(for role: StyleRole, selected: Bool) -> CellStyle {
        let own = roles[role] ?? CellStyle()
        return selected ? own.combined(with: selection) : own
    }

    // MARK: - Built in

    /// The dark theme every other theme falls back to for the roles it leaves out.
    public static let `default` = builtIn("default", fallback: nil)

    /// Attributes only: what every role looks like on a terminal without colour.
    public static let monochrome = builtIn("monochrome", fallback: nil)

    /// A built-in theme; one that does not parse (a test guards against it) still gives
    /// a usable theme: reverse video for the selection, plain text otherwise.
    static func builtIn(_ name: String, fallback: Theme?) -> Theme {
        guard let text = BuiltInThemes.texts[name],
            let theme = try? parse(text, file: "themes/\(name).toml", name: name, fallback: fallback)
        else {
            return Theme(name: name, roles: [:], selection: CellStyle(attributes: .reverse))
        }
        return theme
    }

    /// The name of a role as theme files spell it: `diffAdded` is `diff_added`.
    public static func key(of role: StyleRole) -> String {
        var key = ""
        for character in role.rawValue {
            if character.isUppercase {
                key += "_" + character.lowercased()
            } else {
                key.append(character)
            }
        }
        return key
    }

    static let rolesByKey: [String: StyleRole] = Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { (key(of: $0), $0) })
}
