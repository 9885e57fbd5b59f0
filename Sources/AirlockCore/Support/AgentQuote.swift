/// Several lines an agent wrote (a rationale, a message), each behind a bar, so that none
/// can pass for a line of Airlock's own: a rationale line reading `gates:` or
/// `✓ max_files: 1 file ≤ 50` shows as `│ gates:`, in every mode, colour or none.
public enum AgentQuote {
    /// The bar before each line: a box-drawing line on a UTF-8 terminal, `|` otherwise.
    public static func bar(unicode: Bool) -> String {
        unicode ? "│ " : "| "
    }

    /// `text`'s lines, each escaped by `VisibleText` and behind `indent` and the bar.
    public static func lines(_ text: String, indent: String, unicode: Bool) -> [String] {
        let prefix = indent + bar(unicode: unicode)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + VisibleText.escape(String($0), keepTabs: true) }
    }
}
