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

    /// One code point of each class that hides a character or passes for another.
    static let hidden: [Unicode.Scalar] = [
        // default-ignorable
        "\u{AD}", "\u{34F}", "\u{61C}", "\u{17B4}", "\u{17B5}", "\u{180B}", "\u{180E}", "\u{200B}", "\u{200F}",
        "\u{202A}", "\u{2060}", "\u{2064}", "\u{206F}", "\u{FEFF}", "\u{1BCA0}", "\u{1D173}", "\u{E0001}", "\u{E0041}", "\u{E0FFF}",
        // Hangul fillers and the blank braille pattern
        "\u{115F}", "\u{1160}", "\u{3164}", "\u{FFA0}", "\u{2800}",
        // spaces other than U+0020
        "\u{A0}", "\u{1680}", "\u{2000}", "\u{2003}", "\u{200A}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}",
        // variation selectors, the emoji one among them
        "\u{FE00}", "\u{FE0E}", "\u{FE0F}", "\u{E0100}", "\u{E01EF}",
        // combining overlays and enclosing marks
        "\u{334}", "\u{335}", "\u{338}", "\u{1CD4}", "\u{1CE2}", "\u{1CE8}", "\u{20D2}", "\u{20D3}", "\u{20D8}",
        "\u{20DA}", "\u{20DD}", "\u{20E3}", "\u{20E5}", "\u{20E6}", "\u{20EA}", "\u{20EB}",
    ]

    @Test(arguments: hidden)
    func charactersThatHideOrImitateShowAsPlaceholders(scalar: Unicode.Scalar) {
        let text = "ap\(Character(scalar))prove"
        let placeholder = "\\u{\(String(scalar.value, radix: 16))}"
        #expect(VisibleText.escape(text) == "ap\(placeholder)prove")
        #expect(VisibleText.escape(bytes: Array(text.utf8)) == "ap\(placeholder)prove")
        var out: [UInt8] = []
        let shown = Array(text.utf8).withUnsafeBufferPointer { VisibleText.append($0, to: &out) }
        #expect(String(decoding: out, as: UTF8.self) == "ap\(placeholder)prove")
        #expect(shown == "ap\(placeholder)prove".count)
    }

    @Test func ordinaryTextStaysReadable() {
        for text in ["café naïve Ñandú", "Übergröße", "日本語のファイル", "한국어", "Ελληνικά", "русский", "עברית", "ok 🎉 ✓ → ≤ …", "e\u{301}"] {
            #expect(VisibleText.escape(text) == text, "\(text)")
        }
        // An emoji with its presentation selector keeps the emoji and shows the selector.
        #expect(VisibleText.escape("❤\u{FE0F}") == "❤\\u{fe0f}")
    }

    @Test func agentLinesStandBehindABar() {
        #expect(AgentQuote.lines("ok\ngates:\n\u{1b}[2J\u{3164}", indent: "  ", unicode: true) == ["  \u{2502} ok", "  \u{2502} gates:", "  \u{2502} \\x1b[2J\\u{3164}"])
        #expect(AgentQuote.lines("checks:", indent: "", unicode: false) == ["| checks:"])
    }

    /// Left to the terminal, a long line wraps and its next row starts at the margin.
    @Test func aLongLineIsCutIntoRowsThatEachCarryTheBar() {
        let padded = "looks fine" + String(repeating: " ", count: 70) + "gates:" + String(repeating: "\u{4E2D}", count: 50) + String(repeating: "\t", count: 12)
        let rows = AgentQuote.lines(padded, indent: "    ", unicode: false)
        #expect(rows.count > 2)
        #expect(rows.allSatisfy { $0.hasPrefix("    | ") })
        // Columns at most: a tab to the next multiple of 8, a CJK character 2.
        func columns(_ row: String) -> Int { row.reduce(0) { $0 + ($1 == "\t" ? 8 : $1.isASCII ? 1 : 2) } }
        #expect(rows.allSatisfy { columns($0) <= AgentQuote.width }, "\(rows)")
        #expect(rows.map { $0.dropFirst(6) }.joined() == padded[...], "nothing lost or added but the bars")
    }

    @Test func aLineOfAirlocksCarryingAgentTextContinuesBehindTheBar() {
        let line = "  FAIL    protected_paths: touches `x" + String(repeating: " ", count: 60) + "pass    tests: ok`"
        let rows = AgentQuote.cut(line, unicode: true)
        #expect(rows.count == 2)
        #expect(rows[0] == String(line.prefix(AgentQuote.width)))
        #expect(rows[1] == "    \u{2502} " + line.dropFirst(AgentQuote.width))
        #expect(AgentQuote.cut("  pass    tests: ok", unicode: false) == ["  pass    tests: ok"])
    }

    @Test func aLongDiffLineKeepsItsMarkOnEveryRow() {
        let added = "+" + String(repeating: "x", count: 200)
        let rows = AgentQuote.cut(diffLine: added, unicode: false)
        #expect(rows.count == 3 && rows.dropFirst().allSatisfy { $0.hasPrefix("+| ") })
        #expect(rows[0] + rows.dropFirst().map { String($0.dropFirst(3)) }.joined() == added)
        #expect(AgentQuote.cut(diffLine: "diff --git a/" + String(repeating: "y", count: 80), unicode: true)[1].hasPrefix("\u{2502} "))
        #expect(AgentQuote.cut(diffLine: " short context", unicode: true) == [" short context"])
    }
}
