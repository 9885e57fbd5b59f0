import AirlockCore

/// A file entry of a patch as the review shows it: the canonical git diff text, line by
/// line, each with the style its place in the diff gives it, a long line in rows that
/// each keep its mark.
enum DiffLines {
    static func show(_ file: FilePatch, on console: ReviewConsole) {
        var text: [UInt8] = []
        PatchRenderer.render(file, into: &text)
        var inHunks = false
        for line in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            // The style comes from the line's place, not its look: a removed line "-- x"
            // renders as "--- x" and must not pass for a file header.
            let first = line.first
            if first == UInt8(ascii: "@") && (inHunks || line.starts(with: Array("@@ ".utf8))) {
                inHunks = true
                say(line, .hunkHeader, on: console)
            } else if !inHunks {
                say(line, .fileHeader, on: console)
            } else if first == UInt8(ascii: "+") {
                say(line, .added, on: console)
            } else if first == UInt8(ascii: "-") {
                say(line, .removed, on: console)
            } else if first == UInt8(ascii: "\\") {
                say(line, .marker, on: console)
            } else {
                say(line, .plain, on: console)
            }
        }
    }

    static func show(_ patch: Patch, on console: ReviewConsole) {
        for file in patch.files { show(file, on: console) }
    }

    /// One line, escaped and cut into rows that keep its mark (`AgentQuote.cut(diffLine:)`).
    private static func say(_ line: some Collection<UInt8>, _ style: TextStyle, on console: ReviewConsole) {
        for row in AgentQuote.cut(diffLine: VisibleText.escape(bytes: line, keepTabs: true), unicode: console.traits.unicode) {
            console.line(row, style)
        }
    }
}
