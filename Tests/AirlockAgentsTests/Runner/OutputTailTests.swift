import AirlockAgents
import Testing

/// The live tail of an agent's output, as the cockpit gets it: escapes and controls out,
/// progress bars at their last state, only the last few KiB.
@Suite("Output tail")
struct OutputTailTests {
    private func tail(_ chunks: [String], limit: Int = 4096) -> OutputTail {
        var tail = OutputTail(limit: limit)
        for chunk in chunks { tail.append(Array(chunk.utf8)) }
        return tail
    }

    @Test func escapeSequencesAndControlsAreTakenOut() {
        let text = tail(["\u{1b}[31mred\u{1b}[0m \u{1b}]0;title\u{07}plain \u{1b}]52;c;aGk=\u{1b}\\ \u{1b}(Bend\u{07}\u{0}\n"]).text
        #expect(text == "red plain  end\n")
    }

    @Test func aSequenceSplitAcrossChunksIsStillTakenOut() {
        #expect(tail(["a\u{1b}", "[3", "1mb\u{1b}]0;", "x\u{1b}", "\\c"]).text == "abc")
    }

    @Test func aCarriageReturnRewritesTheLineButCRLFEndsIt() {
        #expect(tail(["done\r\n", "10%\r50%\r100%\n"]).text == "done\n100%\n")
    }

    @Test func onlyTheLastBytesAreKeptAndNeverHalfACharacter() {
        let text = tail([String(repeating: "x", count: 100), String(repeating: "é", count: 10)], limit: 15).text
        #expect(text == String(repeating: "é", count: 7))
    }

    @Test func changedIsSetByTextAndClearedWhenReported() {
        var tail = OutputTail()
        tail.append(Array("\u{1b}[0m".utf8))
        #expect(!tail.changed)
        tail.append(Array("hi".utf8))
        #expect(tail.changed)
        tail.markReported()
        #expect(!tail.changed)
    }
}
