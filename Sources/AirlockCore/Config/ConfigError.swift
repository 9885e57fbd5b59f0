/// What is wrong with a config file and where:
/// `.airlock/config.toml:7: field gates.max_files: expected a non-negative integer, got "ten"`.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the caller named it.
    public var file: String
    /// 1-based line; nil when the problem is the file as a whole (missing, unreadable).
    public var line: Int?
    /// 1-based column, for TOML syntax errors.
    public var column: Int?
    /// The setting concerned, dotted (`gates.max_files`, `approvers[1]`), when there is one.
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = VisibleText.escape(file)
        if let line { text += ":\(line)" }
        if line != nil, let column { text += ":\(column)" }
        text += ": "
        if let field { text += "field \(VisibleText.escape(field)): " }
        return text + message
    }
}
