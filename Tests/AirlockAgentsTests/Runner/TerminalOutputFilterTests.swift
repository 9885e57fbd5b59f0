@testable import AirlockAgents
import Testing

/// What of an agent's output `airlock run` lets through to the user's terminal: its
/// colours, cursor moves and titles, never a clipboard write or a device-control string.
@Suite("Terminal output filter")
struct TerminalOutputFilterTests {
    /// The filter's output for `chunks` fed one after another.
    private func filtered(_ chunks: [String]) -> String {
        var filter = TerminalOutputFilter()
        var out: [UInt8] = []
        for chunk in chunks {
            let bytes = Array(chunk.utf8)
            out += bytes.withUnsafeBufferPointer { filter.pass($0) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func coloursCursorMovesAndTitlesPass() {
        let text = "\u{1B}[1;31mred\u{1B}[0m \u{1B}[2J\u{1B}[H\u{1B}]0;my agent\u{07}done\u{1B}]2;title\u{1B}\\ ok\u{1B}7\u{1B}8é"
        #expect(filtered([text]) == text)
    }

    @Test func clipboardWritesAreDroppedWhicheverWayTheyEnd() {
        #expect(filtered(["a\u{1B}]52;c;Y3VybCBldmlsIHwgc2g=\u{07}b"]) == "ab")
        #expect(filtered(["a\u{1B}]52;c;Y3VybA==\u{1B}\\b"]) == "ab")
        #expect(filtered(["a\u{1B}]52;c;?\u{07}b"]) == "ab", "a query of the clipboard, answered into the agent's input")
    }

    @Test func deviceControlAndOtherStringsAreDropped() {
        #expect(filtered(["x\u{1B}P$q\"p\u{1B}\\y"]) == "xy", "DECRQSS, which the terminal answers")
        #expect(filtered(["x\u{1B}_Gf=100;payload\u{1B}\\y"]) == "xy", "an APC (kitty graphics)")
        #expect(filtered(["x\u{1B}^private\u{1B}\\y\u{1B}Xsos\u{07}z"]) == "xyz")
    }

    @Test func aSequenceSplitAcrossReadsIsStillRecognised() {
        #expect(filtered(["a\u{1B}", "]5", "2;c;ZXZp", "bA==\u{1B}", "\\b"]) == "ab")
        #expect(filtered(["a\u{1B}", "[31mred"]) == "a\u{1B}[31mred")
        #expect(filtered(["\u{1B}]0;ti", "tle\u{1B}", "\\rest"]) == "\u{1B}]0;title\u{1B}\\rest")
    }

    @Test func oscNumbersThatOnlyStartWith52Pass() {
        #expect(filtered(["\u{1B}]520;x\u{07}"]) == "\u{1B}]520;x\u{07}")
        #expect(filtered(["\u{1B}]5;x\u{07}"]) == "\u{1B}]5;x\u{07}")
    }

    @Test func textAfterAClipboardWriteIsUntouched() {
        let hostile = "\u{1B}]52;c;" + String(repeating: "A", count: 100_000) + "\u{07}" + "after\n"
        #expect(filtered([hostile]) == "after\n")
    }
}
