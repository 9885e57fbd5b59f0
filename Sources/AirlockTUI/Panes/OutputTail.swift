import AirlockCore

/// The tail of an agent's process output made into lines a pane can show. It is raw
/// output of an untrusted program: colours and cursor moves (CSI sequences) are dropped,
/// a carriage return overwrites the line as a terminal would (progress bars), tabs become
/// spaces, and everything else that is not text — OSC strings such as clipboard writes
/// and title changes, backspaces, other escapes — stays on screen as a visible
/// placeholder (`\x1b]52;…`), so the reviewer sees what the agent tried.
enum OutputTail {
    /// The last `count` lines that `raw` leaves, escaped for the screen.
    static func lines(_ raw: String, last count: Int, unicode: Bool) -> [String] {
        guard count > 0 else { return [] }
        // By scalars: `\r\n` is one Character, which a split by characters would not see.
        var lines = withoutControlSequences(String(lastLines(raw, count))).unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.suffix(count).map { AgentText.shown(expandingTabs(overwritten(String($0))), unicode: unicode) }
    }

    /// The end of `raw` that holds its last `count` lines (and the newline ending them),
    /// so that a frame reads no more of the tail than it shows. No sequence stripped
    /// below spans a newline, so cutting there changes nothing.
    static func lastLines(_ raw: String, _ count: Int) -> Substring {
        let utf8 = raw.utf8
        var newlines = 0
        var index = utf8.endIndex
        // A final newline ends the last line rather than starting another.
        if utf8.last == 0x0A { index = utf8.index(before: index) }
        while index > utf8.startIndex {
            let before = utf8.index(before: index)
            if utf8[before] == 0x0A {
                newlines += 1
                if newlines == count { return raw[index...] }
            }
            index = before
        }
        return raw[...]
    }

    /// How many lines `raw` leaves, counting no further than `limit`: from the end, so
    /// that a layout asking for a few lines never reads a whole tail.
    static func lineCount(_ raw: String, upTo limit: Int = .max) -> Int {
        guard let last = raw.utf8.last else { return 0 }
        // Every newline ends a line; text after the last one is a line too.
        var count = last == 0x0A ? 0 : 1
        for byte in raw.utf8.reversed() where byte == 0x0A {
            count += 1
            if count >= limit { return limit }
        }
        return count
    }

    /// `raw` without CSI sequences (`ESC [` or the C1 `CSI`, parameters, intermediates,
    /// a final byte); an unfinished one at the end is dropped too.
    static func withoutControlSequences(_ raw: String) -> String {
        guard raw.unicodeScalars.contains(where: { $0 == "\u{1b}" || $0 == "\u{9b}" }) else { return raw }
        var out = String.UnicodeScalarView()
        var scalars = raw.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            let introducer: Bool
            if scalar == "\u{9b}" {
                introducer = true
            } else if scalar == "\u{1b}", scalars.first == "[" {
                scalars.removeFirst()
                introducer = true
            } else {
                introducer = false
            }
            guard introducer else {
                out.append(scalar)
                continue
            }
            // Parameters and intermediates (0x20–0x3F), then one final byte (0x40–0x7E).
            while let next = scalars.first, (0x20...0x3F).contains(next.value) { scalars.removeFirst() }
            if let final = scalars.first, (0x40...0x7E).contains(final.value) { scalars.removeFirst() }
        }
        return String(out)
    }

    /// A line as a terminal leaves it after carriage returns: each part written over the
    /// start of the one before (`50%\r60%` shows `60%`). A trailing one (`\r\n`) does nothing.
    static func overwritten(_ line: String) -> String {
        guard line.unicodeScalars.contains("\r") else { return line }
        var shown: [Character] = []
        var parts = line.unicodeScalars.split(separator: "\r", omittingEmptySubsequences: false)
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        for part in parts {
            for (index, character) in String(part).enumerated() {
                if index < shown.count { shown[index] = character } else { shown.append(character) }
            }
        }
        return String(shown)
    }

    static func expandingTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var out = ""
        var column = 0
        for character in line {
            if character == "\t" {
                let spaces = 8 - column % 8
                out += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                out.append(character)
                column += max(1, DisplayWidth.of(character))
            }
        }
        return out
    }
}
