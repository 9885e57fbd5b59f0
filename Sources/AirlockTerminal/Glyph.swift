import CNcursesW
import Glibc

/// The wide characters ncurses is given for one cell: a spacing character and the
/// combining marks drawn over it. Nothing that is not printable reaches ncurses.
struct Glyph: Equatable {
    /// Spacing character first, then up to four combining marks, then a 0.
    var characters: [wchar_t]
    /// Columns the terminal will use for it, as the C library reckons (what ncurses uses).
    var width: Int

    static let replacement = Glyph(characters: [wchar_t(UInt8(ascii: "?")), 0], width: 1)
    static let blank = Glyph(characters: [wchar_t(UInt8(ascii: " ")), 0], width: 1)

    /// The glyph for `character`; `?` for a control, a character the locale cannot show,
    /// or anything but printable ASCII when the terminal is not Unicode. Scalars after
    /// the first that do not combine (flags, joined emoji) are left out: ncurses takes
    /// one spacing character per cell.
    static func of(_ character: Character, unicode: Bool) -> Glyph {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return .blank }
        if !unicode {
            return (0x20..<0x7F).contains(first.value) ? Glyph(characters: [wchar_t(first.value), 0], width: 1) : .replacement
        }
        guard !TerminalText.isControl(first) else { return .replacement }
        let width = Int(airlock_wcwidth(wchar_t(first.value)))
        guard width > 0 else { return .replacement }
        var characters: [wchar_t] = [wchar_t(first.value)]
        for scalar in scalars.dropFirst() where characters.count < Int(CCHARW_MAX) {
            // Marks only: a zero-width format character (a bidi override) is not drawn over
            // anything, it changes how the terminal draws what follows.
            let category = scalar.properties.generalCategory
            guard category == .nonspacingMark || category == .enclosingMark, airlock_wcwidth(wchar_t(scalar.value)) == 0 else { continue }
            characters.append(wchar_t(scalar.value))
        }
        characters.append(0)
        return Glyph(characters: characters, width: width)
    }
}
