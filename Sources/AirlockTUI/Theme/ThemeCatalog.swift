import AirlockCore
import Foundation

/// Where themes come from: the user's directory first, then those built in.
///
/// `--theme NAME` (or the config's `theme`) names `NAME.toml` in
/// `$XDG_CONFIG_HOME/airlock/themes` (`~/.config/airlock/themes` by default); without one
/// there, the built-in theme of that name.
public struct ThemeCatalog: Sendable {
    public enum Origin: Equatable, Sendable {
        case builtIn
        /// A file in the user's directory; `shadowsBuiltIn` when it replaces one.
        case user(path: String, shadowsBuiltIn: Bool)
    }

    /// One theme as `airlock themes` lists it.
    public struct Entry: Equatable, Sendable {
        public var name: String
        public var origin: Origin
        public var summary: String
        /// Why the file cannot be used (the default is used instead), when it cannot.
        public var problem: ConfigError?
    }

    /// The directory of user themes; nil when neither `XDG_CONFIG_HOME` nor `HOME` is set.
    public let userDirectory: String?

    /// Theme files larger than this are refused rather than read.
    static let largestFile = 256 * 1024

    public init(userDirectory: String?) {
        self.userDirectory = userDirectory
    }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(userDirectory: Self.userDirectory(environment: environment))
    }

    public static func userDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") { return config + "/airlock/themes" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/airlock/themes"
    }

    public static var builtInNames: [String] { BuiltInThemes.names }

    /// A theme name is letters, digits, `-` and `_`, so it can only name a file in the
    /// themes directory.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }

    // MARK: - Loading

    /// The theme called `name`: the user's file, else the built-in one.
    public func theme(named name: String) throws(ConfigError) -> Theme {
        guard Self.isValidName(name) else {
            throw ConfigError(file: name, "not a theme name: use letters, digits, - and _")
        }
        if let path = userPath(name), FileManager.default.fileExists(atPath: path) {
            return try Self.load(path: path, name: name)
        }
        switch name {
        case "default": return .default
        case "monochrome": return .monochrome
        default:
            guard BuiltInThemes.names.contains(name) else {
                let known = (BuiltInThemes.names + userNames()).sorted()
                throw ConfigError(file: name, "no such theme; the themes are \(Set(known).sorted().joined(separator: ", "))")
            }
            return Theme.builtIn(name, fallback: .default)
        }
    }

    /// The theme called `name`, or the default with the reason it could not be used.
    public func themeOrDefault(named name: String) -> (theme: Theme, problem: ConfigError?) {
        do {
            return (try theme(named: name), nil)
        } catch {
            return (.default, error)
        }
    }

    /// Every theme, user themes (with their problems) and built-in ones, by name.
    public func list() -> [Entry] {
        var entries: [String: Entry] = [:]
        for name in BuiltInThemes.names {
            entries[name] = Entry(name: name, origin: .builtIn, summary: Theme.builtIn(name, fallback: .default).summary)
        }
        for name in userNames() {
            guard let path = userPath(name) else { continue }
            var entry = Entry(name: name, origin: .user(path: path, shadowsBuiltIn: entries[name] != nil), summary: "")
            do {
                entry.summary = try Self.load(path: path, name: name).summary
            } catch {
                entry.problem = error
            }
            entries[name] = entry
        }
        return entries.values.sorted { $0.name < $1.name }
    }

    // MARK: - Files

    private func userPath(_ name: String) -> String? {
        userDirectory.map { "\($0)/\(name).toml" }
    }

    /// The names of the `.toml` files in the user's directory that make valid theme names.
    private func userNames() -> [String] {
        guard let directory = userDirectory, let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.filter(Self.isValidName).sorted()
    }

    static func load(path: String, name: String) throws(ConfigError) -> Theme {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ConfigError(file: path, "cannot read the theme file")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: largestFile + 1) ?? Data()
        } catch {
            throw ConfigError(file: path, "cannot read the theme file: \(error.localizedDescription)")
        }
        guard data.count <= largestFile else { throw ConfigError(file: path, "the theme file is larger than \(largestFile / 1024) KB") }
        guard let text = String(validating: data, as: UTF8.self) else { throw ConfigError(file: path, "the theme file is not valid UTF-8") }
        return try Theme.parse(text, file: path, name: name)
    }
}
