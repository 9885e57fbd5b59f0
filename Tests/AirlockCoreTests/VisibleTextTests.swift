import Testing
import AirlockCore

@Suite("Visible text for the terminal")
struct VisibleTextTests {
    @Test func escapeSequencesBecomeVisible() {
        #expect(VisibleText.escape("ok\u{1b}[2J\u{1b}]0;pwned\u{07}") == "ok\\x1b[2J\\x1b]0;pwned\\x07")
        #expect(VisibleText.escape("a\nb\rc\td") == "a\\nb\\rc\\td")
        #expect(VisibleText.escape("a\tb", keepTabs: true) == "a\tb")
        #expect(VisibleText.escape("\u{9b}31m") == "\\x9b31m")
        #expect(VisibleText.escape("evil\u{202E}txt.exe") == "evil\\u{202e}txt.exe")
        #expect(VisibleText.escape("café ✓") == "café ✓")
        // Zero-width and other format characters could hide what a name really is.
        #expect(VisibleText.escape(".g\u{200D}it\u{FEFF}") == ".g\\u{200d}it\\u{feff}")
        #expect(VisibleText.escape("a\u{2028}b") == "a\\u{2028}b")
    }

    @Test func invalidUTF8BytesShowAsHex() {
        #expect(VisibleText.escape(bytes: [0x61, 0xFF, 0x62, 0xC3, 0xA9, 0x1B]) == "a\\xffbé\\x1b")
        #expect(VisibleText.escape(bytes: [0xE2, 0x82]) == "\\xe2\\x82")
    }

    @Test(arguments: [
        Array("plain ascii title".utf8),
        Array("bell\u{07} and \u{1b}]0;title".utf8),
        Array("café ✓ \u{202E}gpj.exe".utf8),
        [0x61, 0xFF, 0x62, 0xC3, 0xA9, 0x1B],
        [],
    ])
    func appendingStoredBytesEscapesAsEscapeDoes(bytes: [UInt8]) {
        var out: [UInt8] = Array("> ".utf8)
        let shown = bytes.withUnsafeBufferPointer { VisibleText.append($0, to: &out) }
        let expected = VisibleText.escape(bytes: bytes)
        #expect(out == Array("> ".utf8) + Array(expected.utf8))
        #expect(shown == expected.count)
    }
}
