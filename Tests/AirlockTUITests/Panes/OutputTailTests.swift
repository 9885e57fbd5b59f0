import AirlockCore
import Testing
@testable import AirlockTUI

/// An agent's raw output, as the agents pane shows it: colours and cursor moves dropped,
/// carriage returns overwriting as in a terminal, everything else hostile made visible.
@Suite("Output tail")
struct OutputTailTests {
    @Test func colourAndCursorSequencesAreDropped() {
        #expect(OutputTail.lines("\u{1b}[1;31mred\u{1b}[0m done\n\u{1b}[2K\u{1b}[1Gnext\n", last: 5, unicode: true) == ["red done", "next"])
        #expect(OutputTail.lines("C1 \u{9b}31mcsi", last: 1, unicode: true) == ["C1 csi"])
        // Cut off at the end of the tail: the unfinished sequence goes too.
        #expect(OutputTail.lines("abc\u{1b}[38;5", last: 1, unicode: true) == ["abc"])
    }

    @Test func oscStringsAndOtherControlsStayVisible() {
        let lines = OutputTail.lines("\u{1b}]52;c;cm0gLXJm\u{07}copy\n\u{1b}]0;pwned\u{1b}\\title\nab\u{08}\u{08}xy \u{202e}gnp.exe\u{1b}c", last: 3, unicode: true)
        #expect(lines == ["\\x1b]52;c;cm0gLXJm\\x07copy", "\\x1b]0;pwned\\x1b\\title", "ab\\x08\\x08xy \\u{202e}gnp.exe\\x1bc"])
        for line in lines { #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) }
    }

    @Test func carriageReturnsOverwriteAsATerminalWould() {
        #expect(OutputTail.lines("10%\r50%\r100%\n", last: 1, unicode: true) == ["100%"])
        #expect(OutputTail.lines("abcdef\rxy", last: 1, unicode: true) == ["xycdef"])
        #expect(OutputTail.lines("one\r\ntwo\r\n", last: 5, unicode: true) == ["one", "two"])
    }

    @Test func theLastLinesThatFit() {
        let raw = (1...100).map { "line \($0)" }.joined(separator: "\n") + "\n"
        #expect(OutputTail.lines(raw, last: 3, unicode: true) == ["line 98", "line 99", "line 100"])
        #expect(OutputTail.lineCount(raw) == 100)
        #expect(OutputTail.lineCount("a\nb") == 2)
        #expect(OutputTail.lineCount("") == 0)
        #expect(OutputTail.lineCount("\n") == 1 && OutputTail.lineCount("a\n\n\nb") == 4)
        #expect(OutputTail.lineCount(raw, upTo: 8) == 8 && OutputTail.lineCount("a\nb", upTo: 8) == 2)
        #expect(OutputTail.lines(raw, last: 0, unicode: true).isEmpty)
        #expect(OutputTail.lines("a\n\n\nb", last: 4, unicode: true) == ["a", "", "", "b"], "blank lines in the middle are output too")
    }

    @Test func onlyTheLinesShownAreRead() {
        #expect(OutputTail.lastLines("a\nb\nc\n", 2) == "b\nc\n")
        #expect(OutputTail.lastLines("a\nb\nc", 2) == "b\nc")
        #expect(OutputTail.lastLines("a\nb", 5) == "a\nb")
        #expect(OutputTail.lastLines("\n\n", 1) == "\n")
        // A sequence cut off where the lines shown begin is not glued to them.
        #expect(OutputTail.lines("\u{1b}[31\nred\u{1b}[0m\n", last: 1, unicode: true) == ["red"])
        #expect(OutputTail.lines("x\u{1b}[\nline\n", last: 2, unicode: true) == ["x", "line"])
    }

    @Test func clippingALongLineKeepsTheEllipsis() {
        #expect(AgentText.clipped("abcdef", columns: 4, ellipsis: "…") == "abcde…")
        #expect(AgentText.clipped("abcd", columns: 4, ellipsis: "…") == "abcd")
        #expect(AgentText.clipped("abcde", columns: 4, ellipsis: "…") == "abcde")
        // Combining marks take no column: what is clipped still says it was cut.
        let marked = String(repeating: "e\u{301}", count: 10)
        #expect(AgentText.clipped(marked, columns: 4, ellipsis: "…").hasSuffix("…"))
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.putCut(AgentText.clipped(String(repeating: "x", count: 100_000), columns: 10, ellipsis: "…"), x: 0, y: 0, width: 10, glyphs: .unicode)
        #expect(buffer.lines == ["xxxxxxxxx…"])
    }

    @Test func tabsBecomeSpacesToTheNextStop() {
        #expect(OutputTail.lines("a\tb\tc", last: 1, unicode: true) == ["a       b       c"])
    }

    @Test func withoutUnicodeEveryCharacterBeyondASCIIShowsItsCodePoint() {
        #expect(OutputTail.lines("café 漢字 ✓", last: 1, unicode: false) == ["caf\\u{e9} \\u{6f22}\\u{5b57} \\u{2713}"])
        #expect(OutputTail.lines("café", last: 1, unicode: true) == ["café"])
        #expect(AgentText.shown("naïve \u{1b}[2J", unicode: false) == "na\\u{ef}ve \\x1b[2J")
    }
}
