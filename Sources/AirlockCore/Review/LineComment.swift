/// A reviewer's remark on one line of a proposal, sent to the agent with the decision as
/// `path:line: text`.
public struct LineComment: Hashable, Sendable, Codable {
    /// Which file's numbering `line` counts in: the new file's, or the old file's for a
    /// removed line.
    public enum Side: String, Hashable, Sendable, Codable { case new, old }

    public var path: String
    public var line: Int
    public var side: Side
    public var text: String

    public init(path: String, line: Int, side: Side = .new, text: String) {
        self.path = path
        self.line = line
        self.side = side
        self.text = text
    }

    /// `src/a.swift:12: rename this` (`src/a.swift:-12:` for the old side).
    public var formatted: String { "\(path):\(side == .old ? "-" : "")\(line): \(text)" }
}
