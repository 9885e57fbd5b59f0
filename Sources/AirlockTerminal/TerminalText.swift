import AirlockCore

/// Text that goes into an escape sequence the adapter writes itself (titles,
/// notifications): agent-provided, so nothing in it may end the sequence or start another.
enum TerminalText {
    /// `text` with every control character shown as a visible placeholder (`\x1b`), cut
    /// to `limit` characters; ASCII only when the terminal is not Unicode; `;` replaced
    /// when the sequence separates fields with it (OSC 777).
    static func sanitised(_ text: String, unicode: Bool, limit: Int = 200, semicolons: Bool = true) -> String {
        var out = ""
        var count = 0
        for character in VisibleText.escape(text) {
            guard count < limit else {
                out += unicode ? "…" : "..."
                break
            }
            var shown = character
            if !unicode, !character.isASCII { shown = "?" }
            if !semicolons, shown == ";" { shown = "," }
            // VisibleText leaves no controls, but this text ends up inside an OSC string:
            // be certain of it.
            if shown.unicodeScalars.contains(where: isControl) { shown = "?" }
            out.append(shown)
            count += 1
        }
        return out
    }

    /// C0, DEL and C1: bytes a terminal acts on rather than shows.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
