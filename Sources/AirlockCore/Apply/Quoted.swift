/// Agent-supplied names and lines as they appear inside problem messages: in backticks,
/// escaped by `VisibleText`, so a hostile file name cannot move the reviewer's cursor or
/// hide a character.
enum Quoted {
    /// A path or name, escaped, in backticks.
    static func name(_ text: String) -> String {
        "`" + escaped(text.unicodeScalars) + "`"
    }

    /// One line of a file or hunk, escaped, without its final `\n`, cut after `limit`
    /// characters; a line with no final newline says so.
    static func line(_ bytes: Bytes, limit: Int = 60) -> String {
        var body = bytes
        let hasNewline = body.last == UInt8(ascii: "\n")
        if hasNewline { body = body.dropLast() }
        let text = String(decoding: body, as: UTF8.self)
        let scalars = Array(text.unicodeScalars)
        let cut = scalars.count > limit
        return "`" + escaped(scalars.prefix(limit)) + (cut ? "…" : "") + "`" + (hasNewline ? "" : " (no newline at end)")
    }

    private static func escaped(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return VisibleText.escape(text)
    }
}
