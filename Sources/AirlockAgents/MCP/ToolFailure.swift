import AirlockCore

/// A review-service error as the words `airlock propose`, `wait` and `withdraw` print for
/// it, so an agent reads the same reasons through MCP as through the CLI.
enum ToolFailure {
    /// The message for `error`; `source` names the submitted text (`patch`, `edit`) in
    /// `source:line:` locations.
    static func describe(_ error: any Error, source: String = "patch") -> String {
        switch error {
        case let error as PatchParseError:
            return escaped("\(location(source, error.line)): \(error.message)")
        case let error as PatchFormatError where error.cause == .workspace:
            return refused([located(error, source: source)])
        case let error as PatchFormatError:
            return escaped(located(error, source: source))
        case let error as QuotaExceeded:
            return refused([error.description])
        case let refusal as ApplyRefusal:
            return refused(refusal.problems.map(\.description))
        case let error as CustomStringConvertible:
            return escaped(error.description)
        default:
            return escaped("\(error)")
        }
    }

    private static func located(_ error: PatchFormatError, source: String) -> String {
        "\(location(source, error.line)): \(error.path.map { "\($0): " } ?? "")\(error.message)"
    }

    private static func location(_ source: String, _ line: Int?) -> String {
        line.map { "\(source):\($0)" } ?? source
    }

    private static func refused(_ problems: [String]) -> String {
        (problems.map { "refused: \(escaped($0))" } + ["nothing was queued"]).joined(separator: "\n")
    }

    /// Agent text made visible: control characters and escape sequences become
    /// placeholders, one line per line.
    static func escaped(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { VisibleText.escape(String($0), keepTabs: true) }.joined(separator: "\n")
    }
}
