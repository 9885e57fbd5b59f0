/// File and patch text cut into lines that keep their terminators, as `HunkLine.text` does.
enum TextLines {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// The lines of `text`, each with its `\n`; the last lacks it when the text does not
    /// end with a newline. Empty text has no lines.
    static func split(_ text: [UInt8]) -> [Bytes] {
        split(Bytes(text))
    }

    static func split(_ text: Bytes) -> [Bytes] {
        var lines: [Bytes] = []
        var start = text.startIndex
        while start < text.endIndex {
            let end = LineCursor.lineEnd(in: text, from: start)
            lines.append(text[start..<end])
            start = end
        }
        return lines
    }

    /// Bytes of the line's terminator: 2 for `\r\n`, 1 for `\n`, 0 for none.
    static func terminatorLength(_ line: Bytes) -> Int {
        guard line.last == newline else { return 0 }
        let beforeNewline = line.index(before: line.endIndex)
        if beforeNewline > line.startIndex, line[line.index(before: beforeNewline)] == carriageReturn { return 2 }
        return 1
    }

    /// The line without its terminator.
    static func content(_ line: Bytes) -> Bytes {
        line.dropLast(terminatorLength(line))
    }

    /// Only the line's terminator (`\r\n`, `\n` or nothing).
    static func terminator(_ line: Bytes) -> Bytes {
        line.suffix(terminatorLength(line))
    }

    static func joined(_ lines: some Collection<Bytes>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.count })
        for line in lines { out.append(contentsOf: line) }
        return out
    }

    /// A short, single-line rendering of agent text for error messages: at most `limit`
    /// characters, without its terminator. The terminal layer escapes control characters.
    static func quote(_ line: some Collection<UInt8>, limit: Int = 60) -> String {
        var text = String(decoding: Bytes(line).droppingTerminator, as: UTF8.self)
        if text.count > limit { text = String(text.prefix(limit)) + "…" }
        return "`\(text)`"
    }
}

extension Bytes {
    var droppingTerminator: Bytes { TextLines.content(self) }
}
