/// The few YAML shapes a TAP diagnostics block uses for the keys Airlock reads.
enum TAPDiagnostics {
    /// The value of a top-level `key:` in a block whose indentation was taken off:
    /// plain, single- or double-quoted, or a `|` / `>` block scalar on the lines below.
    static func value(of key: String, in lines: [Substring]) -> String? {
        for (index, line) in lines.enumerated() where line.hasPrefix(key + ":") {
            let raw = line.dropFirst(key.count + 1).drop { $0 == " " }
            if raw.hasPrefix("|") || raw.hasPrefix(">") {
                let body = lines[(index + 1)...].prefix { $0.hasPrefix(" ") || $0.isEmpty }
                let indent = body.first { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count } ?? 0
                let text = body.map { String($0.dropFirst(min(indent, $0.count))) }
                let joined = raw.hasPrefix("|") ? text.joined(separator: "\n") : text.joined(separator: " ")
                return joined.isEmpty ? nil : joined.trimmingTrailingNewlines()
            }
            var text = String(raw)
            while text.last == " " { text.removeLast() }
            if text.count >= 2, let quote = text.first, quote == "'" || quote == "\"", text.last == quote {
                text = String(text.dropFirst().dropLast())
                text = quote == "'" ? text.replacingTwice("''", "'") : unescapeDoubleQuoted(text)
            }
            return text.isEmpty ? nil : text
        }
        return nil
    }

    private static func unescapeDoubleQuoted(_ text: String) -> String {
        var out = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}

private extension String {
    func trimmingTrailingNewlines() -> String {
        var copy = self
        while copy.last == "\n" { copy.removeLast() }
        return copy
    }

    /// Each `pair` replaced by `single` (YAML's `''` in a single-quoted scalar).
    func replacingTwice(_ pair: String, _ single: String) -> String {
        split(separator: pair, omittingEmptySubsequences: false).joined(separator: single)
    }
}
