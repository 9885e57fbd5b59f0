import CNcursesW
import Glibc

/// The wide characters ncurses is given for one cell: a spacing character and the
/// combining marks drawn over it. Nothing that is not printable reaches ncurses.
enum Glyph {
    /// Room for a spacing character, the four marks ncurses keeps with it, and the 0.
    static let capacity = Int(CCHARW_MAX) + 1

    /// Writes the glyph for `character` into `characters` (0-terminated) and returns the
    /// columns it takes as the C library reckons, which is what ncurses uses. `?` stands
    /// for a control, a character the locale cannot show, or anything but printable
    /// ASCII when the terminal is not Unicode. Scalars after the first that do not
    /// combine (flags, joined emoji) are left out: ncurses takes one spacing character
    /// per cell.
    static func write(_ character: Character, unicode: Bool, into characters: inout [wchar_t]) -> Int {
        // Most cells: printable ASCII, with nothing to look up.
        if let ascii = character.asciiValue, (0x20..<0x7F).contains(ascii) {
            characters[0] = wchar_t(ascii)
            characters[1] = 0
            return 1
        }
        guard unicode, let first = character.unicodeScalars.first, !TerminalText.isControl(first) else {
            return replacement(into: &characters)
        }
        let width = Int(airlock_wcwidth(wchar_t(first.value)))
        guard width > 0 else { return replacement(into: &characters) }
        characters[0] = wchar_t(first.value)
        var count = 1
        for scalar in character.unicodeScalars.dropFirst() where count < capacity - 1 {
            // Marks only: a zero-width format character (a bidi override) is not drawn over
            // anything, it changes how the terminal draws what follows.
            let category = scalar.properties.generalCategory
            guard category == .nonspacingMark || category == .enclosingMark, airlock_wcwidth(wchar_t(scalar.value)) == 0 else { continue }
            characters[count] = wchar_t(scalar.value)
            count += 1
        }
        characters[count] = 0
        return width
    }

    static func replacement(into characters: inout [wchar_t]) -> Int {
        characters[0] = wchar_t(UInt8(ascii: "?"))
        characters[1] = 0
        return 1
    }

    static func blank(into characters: inout [wchar_t]) -> Int {
        characters[0] = wchar_t(UInt8(ascii: " "))
        characters[1] = 0
        return 1
    }
}
