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
}
