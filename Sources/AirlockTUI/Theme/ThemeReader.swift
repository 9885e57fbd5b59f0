import AirlockCore
import TOMLKit

extension Theme {
    /// Reads a theme file strictly: bad TOML, an unknown key or role, a bad colour or
    /// attribute is a `ConfigError` naming `file`, the line and the key. Roles the file
    /// leaves out take their style from `fallback` (plain when nil); so does the
    /// selection when the file has no `[selection]`.
    ///
    /// ```toml
    /// description = "Dark background"
    /// [selection]
    /// bg = "#264f78"
    /// [roles]
    /// diff_added = { fg = "green" }
    /// error = { fg = "bright-red", attrs = ["bold"] }
    /// ```
    public static func parse(_ text: String, file: String, name: String, fallback: Theme? = .default) throws(ConfigError) -> Theme {
        let root = try TOMLText.parse(text, file: file)
        var theme = fallback ?? Theme(name: name, roles: [:], selection: CellStyle())
        theme.name = name
        theme.summary = ""
        let reader = ThemeReader(file: file, lines: TOMLKeyLines(text))
        try reader.read(root, into: &theme)
        return theme
    }
}

/// Turns a parsed theme file into styles, reporting the first problem in the file.
private struct ThemeReader {
    let file: String
    let lines: TOMLKeyLines

    static let rootKeys = ["description", "selection", "roles"]
    static let styleKeys = ["fg", "bg", "attrs"]

    func read(_ root: TOMLTable, into theme: inout Theme) throws(ConfigError) {
        var problems: [ConfigError] = []
        for (key, value) in entries(root) {
            do throws(ConfigError) {
                switch key {
                case "description":
                    guard let text = value.string else { throw problem(at: [key], "expected a string, got \(Self.describe(value))") }
                    theme.summary = VisibleText.escape(text)
                case "selection":
                    theme.selection = try style(value, at: [key])
                case "roles":
                    guard let table = value.table else { throw problem(at: [key], "expected a table, got \(Self.describe(value))") }
                    for (roleKey, roleValue) in entries(table) {
                        do throws(ConfigError) {
                            guard let role = Theme.rolesByKey[roleKey] else {
                                throw problem(at: [key, roleKey], "unknown role; the roles are \(Theme.rolesByKey.keys.sorted().joined(separator: ", "))")
                            }
                            theme.roles[role] = try style(roleValue, at: [key, roleKey])
                        } catch {
                            problems.append(error)
                        }
                    }
                default:
                    throw problem(at: [key], "unknown key; the keys at the top level are \(Self.rootKeys.joined(separator: ", "))")
                }
            } catch {
                problems.append(error)
            }
        }
        if let first = problems.min(by: { ($0.line ?? .max) < ($1.line ?? .max) }) { throw first }
    }

    // MARK: - Values

    private func style(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> CellStyle {
        guard let table = value.table else {
            throw problem(at: path, "expected a table such as { fg = \"red\", attrs = [\"bold\"] }, got \(Self.describe(value))")
        }
        var style = CellStyle()
        for (key, value) in entries(table) {
            let path = path + [key]
            switch key {
            case "fg": style.foreground = try colour(value, at: path)
            case "bg": style.background = try colour(value, at: path)
            case "attrs": style.attributes = try attributes(value, at: path)
            default: throw problem(at: path, "unknown key; a style has \(Self.styleKeys.joined(separator: ", "))")
            }
        }
        return style
    }

    private func colour(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> Colour {
        if let index = value.int {
            guard let colour = Colour(index: index) else { throw problem(at: path, "a palette index is 0–255, got \(index)") }
            return colour
        }
        guard let name = value.string, let colour = Colour(name: name) else {
            throw problem(
                at: path,
                "expected a colour: \(Colour.ansiNames.joined(separator: ", ")), bright-NAME, default, 0–255 or \"#rrggbb\"; got \(Self.describe(value))"
            )
        }
        return colour
    }

    private func attributes(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> TextAttributes {
        let names = TextAttributes.named.map(\.name).joined(separator: ", ")
        guard let array = value.array else { throw problem(at: path, "expected an array of attributes (\(names)), got \(Self.describe(value))") }
        var attributes: TextAttributes = []
        for (index, element) in array.enumerated() {
            let elementPath = path + [TOMLKeyLines.element(index)]
            guard let name = element.string, let named = TextAttributes.named.first(where: { $0.name == name }) else {
                throw problem(at: elementPath, "expected an attribute (\(names)), got \(Self.describe(element))")
            }
            attributes.insert(named.attribute)
        }
        return attributes
    }

    // MARK: - Problems

    private func entries(_ table: TOMLTable) -> [(String, any TOMLValueConvertible)] {
        table.keys.compactMap { key in table[key].map { (key, $0) } }
    }

    private func problem(at path: [String], _ message: String) -> ConfigError {
        ConfigError(file: file, line: lines.line(of: path), field: Self.render(path), message)
    }

    /// A dotted key, array elements attached (`roles.error.attrs[1]`), each part escaped.
    private static func render(_ path: [String]) -> String {
        var text = ""
        for component in path {
            if !component.hasPrefix("["), !text.isEmpty { text += "." }
            text += component
        }
        return text
    }

    private static func describe(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string: "\"\(VisibleText.escape(value.string ?? ""))\""
        case .int: value.int.map(String.init) ?? "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        case .date, .time, .dateTime: "a date"
        }
    }
}
