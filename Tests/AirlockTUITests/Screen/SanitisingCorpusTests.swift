import AirlockCore
import AirlockTUI
import Testing

/// Whatever an agent writes, a cell holds only printable text: every control, escape
/// sequence, C1 control and bidi override becomes a visible placeholder, and wide
/// characters keep the columns after them where they belong.
@Suite("Sanitising corpus")
struct SanitisingCorpusTests {
    static let corpus: [(name: String, text: String, shown: String)] = [
        ("ESC", "a\u{1b}b", "a\\x1bb"),
        ("CSI colour", "\u{1b}[31mred\u{1b}[0m", "\\x1b[31mred\\x1b[0m"),
        ("CSI clear screen", "\u{1b}[2J\u{1b}[H", "\\x1b[2J\\x1b[H"),
        ("OSC 52 clipboard write", "\u{1b}]52;c;cm0gLXJmIH4=\u{07}", "\\x1b]52;c;cm0gLXJmIH4=\\x07"),
        ("OSC 0 title", "\u{1b}]0;pwned\u{1b}\\", "\\x1b]0;pwned\\x1b\\"),
        ("BEL", "ding\u{07}", "ding\\x07"),
        ("C1 CSI", "\u{9b}31m", "\\x9b31m"),
        ("C1 OSC", "\u{9d}52;c;x\u{9c}", "\\x9d52;c;x\\x9c"),
        ("bidi override", "\u{202e}gnp.exe", "\\u{202e}gnp.exe"),
        ("bidi isolate", "a\u{2066}b\u{2069}", "a\\u{2066}b\\u{2069}"),
        ("zero-width space", "a\u{200b}b", "a\\u{200b}b"),
        ("carriage return", "safe\rEVIL", "safe\\rEVIL"),
        ("backspace", "ab\u{08}c", "ab\\x08c"),
        ("DEL", "a\u{7f}", "a\\x7f"),
        ("tab", "a\tb", "a\\tb"),
    ]

    @Test(arguments: corpus.indices)
    func isShownAsAVisiblePlaceholder(_ index: Int) {
        let (name, text, shown) = Self.corpus[index]
        var buffer = CellBuffer(width: 60, height: 1)
        buffer.put(text, x: 0, y: 0)
        #expect(buffer.lines[0].hasPrefix(shown), "\(name): \(buffer.lines[0])")
        for cell in buffer.cells {
            for scalar in cell.character.unicodeScalars {
                #expect(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value), "\(name)")
                #expect(scalar.properties.generalCategory != .format, "\(name): U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func invalidUTF8IsShownNotDropped() {
        let text = VisibleText.escape(bytes: [0x61, 0xFF, 0xC3, 0x28, 0x62])
        var buffer = CellBuffer(width: 30, height: 1)
        buffer.put(text, x: 0, y: 0)
        #expect(buffer.lines[0].hasPrefix("a\\xff\\xc3(b"))
    }

    @Test func wideAndCombiningCharactersKeepColumns() {
        var buffer = CellBuffer(width: 12, height: 2)
        let end = buffer.put("漢字|", x: 0, y: 0)
        #expect(end == 5)
        #expect(buffer[4, 0].character == "|")
        #expect(buffer[1, 0].width == 0, "the cell a wide character covers")
        let combined = buffer.put("e\u{301}|", x: 0, y: 1)
        #expect(combined == 2)
        #expect(buffer[1, 1].character == "|")
        // A wide character that does not fit is left out, not cut in half.
        var narrow = CellBuffer(width: 3, height: 1)
        narrow.put("a漢字", x: 0, y: 0)
        #expect(narrow.lines[0] == "a漢")
        var edge = CellBuffer(width: 2, height: 1)
        edge.put("a漢", x: 0, y: 0)
        #expect(edge.lines[0] == "a ")
    }
}
