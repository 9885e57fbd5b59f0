/// Several lines an agent wrote (a rationale, a message), each behind a bar, so that none
/// can pass for a line of Airlock's own: a rationale line reading `gates:` or
/// `✓ max_files: 1 file <= 50` shows as `│ gates:`, in every mode, colour or none.
public enum AgentQuote {
    /// The widest line a quote writes: on a terminal of 80 columns, the least Airlock
    /// supports, no quoted line wraps.
    public static let width = 79

    /// The bar before each line: a box-drawing line on a UTF-8 terminal, `|` otherwise.
    public static func bar(unicode: Bool) -> String {
        unicode ? "│ " : "| "
    }

    /// `text`'s lines, each escaped by `VisibleText` and behind `indent` and the bar. A
    /// line too long for `width` is cut into rows that each carry the bar: left to the
    /// terminal, the wrap would start a row with the agent's text at the margin, where
    /// `looks fine` and seventy spaces followed by `gates:` would show a forged line.
    public static func lines(_ text: String, indent: String, unicode: Bool, width: Int = width) -> [String] {
        let prefix = indent + bar(unicode: unicode)
        let columns = max(20, width - span(of: prefix))
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            rows(VisibleText.escape(String(line), keepTabs: true), columns: columns).map { prefix + $0 }
        }
    }

    /// A line of Airlock's own that carries agent text (a gate naming a path, an audit
    /// entry quoting a title), already escaped, in rows that fit `width`: the rows after
    /// the first carry the bar, so the terminal's wrap cannot start a row with agent text.
    public static func cut(_ line: String, unicode: Bool, width: Int = width) -> [String] {
        let whole = rows(line, columns: width)
        guard whole.count > 1 else { return [line] }
        let prefix = "    " + bar(unicode: unicode)
        let rest = String(line.dropFirst(whole[0].count))
        return [whole[0]] + rows(rest, columns: width - span(of: prefix)).map { prefix + $0 }
    }

    /// A diff line, already escaped, in rows that fit `width`. Each later row starts with
    /// the line's own mark (`+`, `-` or the space of a context line) and the bar: an added
    /// line padded to wrap cannot show its rest as a context line or a header, and every
    /// row still says what kind of line it belongs to.
    public static func cut(diffLine line: String, unicode: Bool, width: Int = width) -> [String] {
        let whole = rows(line, columns: width)
        guard whole.count > 1 else { return [line] }
        let mark = line.first.map { "+- ".contains($0) ? String($0) : "" } ?? ""
        let prefix = mark + bar(unicode: unicode)
        let rest = String(line.dropFirst(whole[0].count))
        return [whole[0]] + rows(rest, columns: width - span(of: prefix)).map { prefix + $0 }
    }

    /// `text` in rows of at most `columns` columns, counting generously (a tab as 8, any
    /// character beyond ASCII as 2), so that a row never takes more room than counted.
    static func rows(_ text: String, columns: Int) -> [String] {
        // Most lines are short ASCII: no character of them takes more than a byte's column.
        if text.utf8.count <= columns, !text.utf8.contains(UInt8(ascii: "\t")) { return [text] }
        // Long printable ASCII (an audit line, say) is cut by bytes, without walking
        // its characters.
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) {
            let bytes = Array(text.utf8)
            return stride(from: 0, to: bytes.count, by: max(1, columns)).map { start in
                String(decoding: bytes[start..<min(bytes.count, start + max(1, columns))], as: UTF8.self)
            }
        }
        var rows: [String] = []
        var row = "", used = 0
        for character in text {
            let cost = span(of: character)
            if used + cost > columns, !row.isEmpty {
                rows.append(row)
                (row, used) = ("", 0)
            }
            row.append(character)
            used += cost
        }
        rows.append(row)
        return rows
    }

    /// Columns `text` may take, counted as `rows` counts them.
    static func span(of text: String) -> Int {
        text.reduce(0) { $0 + span(of: $1) }
    }

    private static func span(of character: Character) -> Int {
        character == "\t" ? 8 : character.isASCII ? 1 : 2
    }
}
