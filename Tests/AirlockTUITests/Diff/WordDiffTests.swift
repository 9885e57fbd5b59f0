import AirlockCore
import Testing

@testable import AirlockTUI

@Suite struct WordDiffTests {
    func changes(_ old: String, _ new: String) -> (old: [Range<Int>], new: [Range<Int>])? {
        WordDiff.changes(old: Bytes(old.utf8), new: Bytes(new.utf8))
    }

    @Test func oneChangedWordBetweenCommonParts() {
        let result = changes("foo(a, b)", "foo(a, c)")
        #expect(result?.old == [7..<8] && result?.new == [7..<8])
    }

    @Test func wordsMatchedAcrossTheMiddle() {
        let result = changes("a b c d e", "a x c y e")
        #expect(result?.old == [2..<3, 6..<7])
        #expect(result?.new == [2..<3, 6..<7])
    }

    @Test func changedWordsWithBlanksBetweenMakeOneSpan() {
        let result = changes("let x = 10", "var y = 10")
        #expect(result?.old == [0..<5] && result?.new == [0..<5])
    }

    @Test func pureInsertionMarksOnlyTheNewLine() {
        let result = changes("call(a)", "call(a, b)")
        #expect(result?.old == [] && result?.new == [6..<9])
    }

    @Test func unrelatedLinesAreNotMarked() {
        #expect(changes("return value", "for i in 1...3 {") == nil)
        #expect(changes("same", "same") == nil)
    }

    @Test func tooLongLinesAreNotMarked() {
        let long = String(repeating: "word ", count: 2000)
        #expect(changes(long + "a", long + "b") == nil)
    }

    @Test func aLargeDifferingMiddleIsMarkedWholeWithoutTheQuadraticSearch() {
        let same = String(repeating: "k", count: 1500)
        let middleOld = (0..<200).map { "o\($0)" }.joined(separator: " ")
        let middleNew = (0..<200).map { "n\($0)" }.joined(separator: " ")
        let result = changes(same + " " + middleOld + " " + same, same + " " + middleNew + " " + same)
        #expect(result?.old == [1501..<(1501 + middleOld.utf8.count)])
        #expect(result?.new == [1501..<(1501 + middleNew.utf8.count)])
    }
}

@Suite struct DiffScaleTests {
    /// Median seconds of drawing `frames` frames of 200×60 around `row`.
    func frameTime(_ document: DiffDocument, row: Int, frames: Int = 7) -> Double {
        var state = DiffViewState(size: Size(width: 200, height: 60))
        state.setMode(.sideBySide, in: document)
        state.moveCursor(by: row, in: document)
        var buffer = CellBuffer(width: 200, height: 60)
        var samples: [Double] = []
        for _ in 0..<frames {
            let start = ContinuousClock.now
            DiffRenderer.render(document: document, state: state, selection: HunkSelection(), into: &buffer,
                                rect: Rect(x: 0, y: 0, width: 200, height: 60), unicode: true, focused: true)
            let elapsed = ContinuousClock.now - start
            samples.append(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
        }
        return samples.sorted()[frames / 2]
    }

    @Test func aFrameOfAHundredThousandLinesCostsWhatAFrameOfAThousandDoes() {
        let small = DiffDocument(DiffFixtures.large(files: 1, linesPerHunk: 1_000))
        let large = DiffDocument(DiffFixtures.large(files: 100, linesPerHunk: 1_000))
        #expect(large.lines.count == 100_000)
        let smallTime = frameTime(small, row: 500)
        let largeTime = frameTime(large, row: large.splitRowCount / 2)
        let bottomTime = frameTime(large, row: large.splitRowCount)
        // Walking 100,000 lines would cost a hundred times more; allow for a loaded machine.
        #expect(largeTime < smallTime * 5 + 0.005, "\(largeTime) against \(smallTime)")
        #expect(bottomTime < smallTime * 5 + 0.005, "\(bottomTime) against \(smallTime)")
    }

    @Test func theLastRowsOfALargeDiffAreDrawn() {
        let large = DiffDocument(DiffFixtures.large(files: 100, linesPerHunk: 1_000))
        var state = DiffViewState(size: Size(width: 200, height: 60))
        state.moveToBottom(in: large)
        let buffer = DiffFixtures.frame(large, state)
        #expect(buffer.lines[59].contains("context line") && buffer.lines[59].contains("of file 99"))
        #expect(buffer.lines[0].contains("100 files") && buffer.lines[0].contains("\(large.unifiedRowCount)/\(large.unifiedRowCount)"))
    }
}
