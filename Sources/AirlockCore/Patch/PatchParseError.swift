/// Why patch text could not be read, and where: `line 57: hunk says 12 old lines, body has 9`.
public struct PatchParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line of the patch text; nil when the problem is not tied to a line.
    public var line: Int?
    public var message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}
