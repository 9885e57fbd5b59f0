import Foundation
import Testing
@testable import AirlockCore

@Suite("LineDiff: hunks and headers")
struct LineDiffTests {
    private func numbered(_ range: ClosedRange<Int>) -> String {
        range.map { "\($0)\n" }.joined()
    }

    @Test func identicalTextsHaveNoHunks() {
        #expect(LineDiff.hunks(from: bytes("a\nb\n"), to: bytes("a\nb\n")).isEmpty)
        #expect(LineDiff.hunks(from: [], to: []).isEmpty)
    }

    @Test func creatingFromEmptyStartsAtLineZero() {
        let hunks = LineDiff.hunks(from: [], to: bytes("a\nb\nc\n"))
        #expect(hunks == [Hunk(oldStart: 0, oldCount: 0, newStart: 1, newCount: 3, lines: lines("+a\n", "+b\n", "+c\n"))])
    }

    @Test func emptyingAFileEndsAtLineZero() {
        let hunks = LineDiff.hunks(from: bytes("a\nb\n"), to: [])
        #expect(hunks == [Hunk(oldStart: 1, oldCount: 2, newStart: 0, newCount: 0, lines: lines("-a\n", "-b\n"))])
    }

    @Test func pureInsertionWithoutContextNamesTheLineBefore() {
        let old = numbered(1...10)
        let new = numbered(1...5) + "x\ny\n" + numbered(6...10)
        let hunks = LineDiff.hunks(from: bytes(old), to: bytes(new), context: 0)
        #expect(hunks == [Hunk(oldStart: 5, oldCount: 0, newStart: 6, newCount: 2, lines: lines("+x\n", "+y\n"))])
    }

    @Test func pureDeletionWithoutContextNamesTheLineBefore() {
        let hunks = LineDiff.hunks(from: bytes(numbered(1...10)), to: bytes(numbered(1...3) + numbered(6...10)), context: 0)
        #expect(hunks == [Hunk(oldStart: 4, oldCount: 2, newStart: 3, newCount: 0, lines: lines("-4\n", "-5\n"))])
    }

    @Test func insertionWithThreeLinesOfContext() {
        let new = numbered(1...5) + "x\ny\n" + numbered(6...10)
        let hunks = LineDiff.hunks(from: bytes(numbered(1...10)), to: bytes(new))
        #expect(hunks == [Hunk(
            oldStart: 3, oldCount: 6, newStart: 3, newCount: 8,
            lines: lines(" 3\n", " 4\n", " 5\n", "+x\n", "+y\n", " 6\n", " 7\n", " 8\n"))])
    }

    @Test func contextIsCutAtBothEndsOfTheFile() {
        let hunks = LineDiff.hunks(from: bytes("a\nb\n"), to: bytes("a\nB\n"))
        #expect(hunks == [Hunk(oldStart: 1, oldCount: 2, newStart: 1, newCount: 2, lines: lines(" a\n", "-b\n", "+B\n"))])
    }

    @Test func changesWhoseContextsTouchShareAHunk() {
        // Lines 1 and 8 change: six unchanged lines between, so three of context each touch.
        var new = numbered(1...20).split(separator: "\n").map(String.init)
        new[0] = "one"
        new[7] = "eight"
        let hunks = LineDiff.hunks(from: bytes(numbered(1...20)), to: bytes(new.map { $0 + "\n" }.joined()))
        #expect(hunks.count == 1)
        #expect(hunks.first.map { [$0.oldStart, $0.oldCount, $0.newStart, $0.newCount] } == [1, 11, 1, 11])
    }

    @Test func changesSevenLinesApartGetTwoHunks() {
        var new = numbered(1...20).split(separator: "\n").map(String.init)
        new[0] = "one"
        new[8] = "nine"
        let hunks = LineDiff.hunks(from: bytes(numbered(1...20)), to: bytes(new.map { $0 + "\n" }.joined()))
        #expect(hunks.map { [$0.oldStart, $0.oldCount, $0.newStart, $0.newCount] } == [[1, 4, 1, 4], [6, 7, 6, 7]])
    }

    @Test func contextZeroKeepsAdjacentChangesApart() {
        let hunks = LineDiff.hunks(from: bytes("a\nb\nc\n"), to: bytes("A\nb\nC\n"), context: 0)
        #expect(hunks.map { [$0.oldStart, $0.oldCount, $0.newStart, $0.newCount] } == [[1, 1, 1, 1], [3, 1, 3, 1]])
    }

    @Test func gainingAFinalNewlineIsAChange() {
        let hunks = LineDiff.hunks(from: bytes("a\nb"), to: bytes("a\nb\n"))
        #expect(hunks == [Hunk(oldStart: 1, oldCount: 2, newStart: 1, newCount: 2, lines: lines(" a\n", "-b", "+b\n"))])
    }

    @Test func losingAFinalNewlineIsAChange() {
        let hunks = LineDiff.hunks(from: bytes("x\n"), to: bytes("x"))
        #expect(hunks == [Hunk(oldStart: 1, oldCount: 1, newStart: 1, newCount: 1, lines: lines("-x\n", "+x"))])
    }

    @Test func appendingAfterALastLineWithoutNewline() {
        let hunks = LineDiff.hunks(from: bytes("a\nb"), to: bytes("a\nb\nc"))
        #expect(hunks == [Hunk(oldStart: 1, oldCount: 2, newStart: 1, newCount: 3, lines: lines(" a\n", "-b", "+b\n", "+c"))])
    }

    @Test func crlfLinesKeepTheirCarriageReturns() {
        let hunks = LineDiff.hunks(from: bytes("a\r\nb\r\nc\r\n"), to: bytes("a\r\nB\r\nc\r\n"))
        #expect(hunks == [Hunk(oldStart: 1, oldCount: 3, newStart: 1, newCount: 3, lines: lines(" a\r\n", "-b\r\n", "+B\r\n", " c\r\n"))])
    }

    @Test func lineEndingChangeIsAChange() {
        let hunks = LineDiff.hunks(from: bytes("a\r\n"), to: bytes("a\n"))
        #expect(hunks == [Hunk(oldStart: 1, oldCount: 1, newStart: 1, newCount: 1, lines: lines("-a\r\n", "+a\n"))])
    }

    @Test func ambiguousInsertionSlidesToTheLowestPlace() {
        // Inserting "b" between "b" and "c": git shows the second b as the added one.
        let hunks = LineDiff.hunks(from: bytes("a\nb\nc\n"), to: bytes("a\nb\nb\nc\n"), context: 0)
        #expect(hunks == [Hunk(oldStart: 2, oldCount: 0, newStart: 3, newCount: 1, section: Bytes(" b".utf8), lines: lines("+b\n"))])
    }

    @Test func removalFacingAnAdditionBecomesOneReplacement() {
        let hunks = LineDiff.hunks(from: bytes("a\nk\nk\nb\n"), to: bytes("a\nk\nz\nb\n"), context: 0)
        #expect(hunks == [Hunk(oldStart: 3, oldCount: 1, newStart: 3, newCount: 1, section: Bytes(" k".utf8), lines: lines("-k\n", "+z\n"))])
    }

    @Test func compactionSlidesARunDownWhenNothingFacesIt() {
        // old a k k b, new a k b: whichever k the script removed, the second one is shown.
        var changed = [false, true, false, false]
        ChangeCompaction.compact(&changed, ids: [0, 1, 1, 2], otherChanged: [false, false, false])
        #expect(changed == [false, false, true, false])
    }

    @Test func compactionSlidesBackUpToFaceTheOtherSidesChange() {
        // old a k k k, new a z k k: the removed k moves up next to the added z.
        var changed = [false, false, false, true]
        ChangeCompaction.compact(&changed, ids: [0, 1, 1, 1], otherChanged: [false, true, false, false])
        #expect(changed == [false, true, false, false])
    }

    @Test func compactionMergesRunsThatMeet() {
        // old k a k a, removing the first "k a" and the last "a": sliding joins them.
        var changed = [true, true, false, true]
        ChangeCompaction.compact(&changed, ids: [0, 1, 0, 1], otherChanged: [false])
        #expect(changed.filter { $0 }.count == 3)
        #expect(changed == [false, true, true, true])
    }

    @Test func sectionIsTheNearestFunctionLineAboveTheHunk() {
        let old = "int main() {\n" + numbered(1...8) + "}\n"
        let new = old.replacingOccurrences(of: "7\n", with: "seven\n")
        let hunks = LineDiff.hunks(from: bytes(old), to: bytes(new))
        #expect(hunks.map { String(decoding: $0.section, as: UTF8.self) } == [" int main() {"])
        // A hunk that starts at the top has nothing above it.
        #expect(LineDiff.hunks(from: bytes("f\n"), to: bytes("g\n")).first?.section.isEmpty == true)
    }

    @Test func sectionIsCutTo80BytesAndTrimmed() {
        let long = "fn " + String(repeating: "x", count: 100) + "\n"
        let old = long + numbered(1...6)
        let hunks = LineDiff.hunks(from: bytes(old), to: bytes(long + numbered(1...5) + "six\n"))
        #expect(hunks.first?.section.count == 81)
        let spaced = "label:   \r\n" + numbered(1...6)
        let spacedHunks = LineDiff.hunks(from: bytes(spaced), to: bytes("label:   \r\n" + numbered(1...5) + "six\n"))
        #expect(spacedHunks.first.map { String(decoding: $0.section, as: UTF8.self) } == " label:")
    }
}
