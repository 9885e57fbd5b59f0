import AirlockCore

/// Text an agent wrote, as the cockpit shows it: escaped as `VisibleText` escapes it, and
/// under a locale that is not UTF-8 with every character beyond ASCII as its code point
/// (`caf\u{e9}`), which reads better than the `?` the terminal would draw for it.
enum AgentText {
    static func shown(_ text: String, unicode: Bool) -> String {
        let visible = VisibleText.escape(text)
        guard !unicode, !visible.utf8.allSatisfy({ $0 < 0x80 }) else { return visible }
        var out = ""
        out.reserveCapacity(visible.utf8.count)
        for scalar in visible.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return out
    }

    /// Shown text cut to what `columns` columns can hold, with `ellipsis` when cut, before
    /// the cells are filled: a long line (agents' output has lines of kilobytes) costs no
    /// more than a short one. Every scalar of shown text takes a column or more except
    /// combining marks, so `columns + 1` scalars are always more than fit.
    static func clipped(_ shown: String, columns: Int, ellipsis: String) -> String {
        let scalars = shown.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: max(0, columns) + 1, limitedBy: scalars.endIndex), end < scalars.endIndex else { return shown }
        return String(scalars[..<end]) + ellipsis
    }
}
