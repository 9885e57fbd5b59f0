import AirlockCore
import Testing

@testable import AirlockTUI

/// Unified rows of the sample: 0 file, 1 hunk, 2–6 lines, 7 hunk, 8–9 lines, 10 file.
@Suite struct DiffNavigationTests {
    let document = DiffDocument(DiffFixtures.sample)

    func state(height: Int = 30) -> DiffViewState { DiffViewState(size: Size(width: 80, height: height)) }

    @Test func nextAndPreviousFile() {
        var state = state()
        state.nextFile(in: document)
        #expect(state.cursor == 10)
        state.nextFile(in: document)
        #expect(state.cursor == 10, "stays on the last file")
        state.previousFile(in: document)
        #expect(state.cursor == 0)
        state.previousFile(in: document)
        #expect(state.cursor == 0, "stays on the first file")
        state.moveCursor(by: 5, in: document)
        state.previousFile(in: document)
        #expect(state.cursor == 0, "from inside a file, to its header")
    }

    @Test func nextAndPreviousHunk() {
        var state = state()
        var visited: [Int] = []
        for _ in 0..<3 {
            state.nextHunk(in: document)
            visited.append(state.cursor)
        }
        #expect(visited == [1, 7, 7])
        state.moveCursor(by: 2, in: document)  // row 9, inside the second hunk
        state.previousHunk(in: document)
        #expect(state.cursor == 7)
        state.previousHunk(in: document)
        #expect(state.cursor == 1)
        state.previousHunk(in: document)
        #expect(state.cursor == 1, "no hunk before the first")
        state.moveToBottom(in: document)
        state.previousHunk(in: document)
        #expect(state.cursor == 7, "from the next file's header to the last hunk before it")
    }

    @Test func cursorStaysInBounds() {
        var state = state()
        state.moveCursor(by: -5, in: document)
        #expect(state.cursor == 0)
        state.moveCursor(by: 100, in: document)
        #expect(state.cursor == 10)
        state.moveToTop(in: document)
        #expect(state.cursor == 0 && state.top == 0)
    }

    @Test func pagesScrollByTheHeightAndKeepTheCursorInView() {
        var state = state(height: 5)  // a header and four rows
        var seen: [(top: Int, cursor: Int)] = []
        for _ in 0..<4 {
            state.pageDown(in: document)
            seen.append((state.top, state.cursor))
        }
        #expect(seen.map(\.top) == [3, 6, 7, 7])
        #expect(seen.map(\.cursor) == [3, 6, 9, 10])
        state.pageUp(in: document)
        #expect(state.top == 4 && state.cursor == 7)
        state.moveToBottom(in: document)
        #expect(state.top == 7, "the last row at the bottom of the pane")
        state.moveCursor(by: -4, in: document)
        #expect(state.top == 6, "scrolls as little as needed")
    }

    @Test func switchingLayoutsKeepsTheCursorOnItsLine() {
        var state = DiffViewState(size: Size(width: 120, height: 30))
        state.moveCursor(by: 5, in: document)  // `// retried`, the second added line
        state.setMode(.sideBySide, in: document)
        #expect(state.layout == .sideBySide && state.cursor == 4)
        #expect(state.cursorTarget(in: document)?.newLine == 12)
        state.resize(to: Size(width: 90, height: 30), in: document)
        #expect(state.layout == .unified && state.cursor == 5, "too narrow: back to unified, same line")
        state.resize(to: Size(width: 100, height: 30), in: document)
        #expect(state.layout == .sideBySide && state.cursor == 4)
        state.setMode(.unified, in: document)
        #expect(state.cursor == 5)
    }

    @Test func sideBySideNavigationCountsPairedRows() {
        var state = DiffViewState(size: Size(width: 120, height: 30))
        state.setMode(.sideBySide, in: document)
        state.nextHunk(in: document)
        state.nextHunk(in: document)
        #expect(state.cursor == 6, "side by side the first hunk takes 4 rows")
        state.nextFile(in: document)
        #expect(state.cursor == 9)
        #expect(state.cursorTarget(in: document)?.path == "bin/start")
    }
}

@Suite struct DiffTargetTests {
    let document = DiffDocument(DiffFixtures.sample)

    func target(row: Int, mode: DiffLayoutMode = .unified, side: LineComment.Side = .new) -> DiffTarget? {
        var state = DiffViewState(size: Size(width: 120, height: 40))
        state.setMode(mode, in: document)
        state.preferredSide = side
        state.moveCursor(by: row, in: document)
        return state.cursorTarget(in: document)
    }

    @Test func headersTargetTheirFileOrHunk() {
        #expect(target(row: 0) == DiffTarget(kind: .file, file: 0, path: "src/fetch.swift"))
        #expect(target(row: 7) == DiffTarget(kind: .hunk, file: 0, path: "src/fetch.swift", hunk: 1))
        #expect(target(row: 7)?.hunkRef == HunkSelection.HunkRef(file: 0, hunk: 1))
        #expect(target(row: 10) == DiffTarget(kind: .file, file: 1, path: "bin/start"))
        #expect(target(row: 0)?.comment("no") == nil)
    }

    @Test func linesTargetTheirIndexInTheHunkAndTheirNumbers() {
        #expect(target(row: 2) == DiffTarget(kind: .line(.context), file: 0, path: "src/fetch.swift", hunk: 0, line: 0, oldLine: 10, newLine: 10))
        let removed = target(row: 3)
        #expect(removed == DiffTarget(kind: .line(.removed), file: 0, path: "src/fetch.swift", hunk: 0, line: 1, oldLine: 11, newLine: nil))
        #expect(removed?.comment("why") == LineComment(path: "src/fetch.swift", line: 11, side: .old, text: "why"))
        let added = target(row: 5)
        #expect(added == DiffTarget(kind: .line(.added), file: 0, path: "src/fetch.swift", hunk: 0, line: 3, oldLine: nil, newLine: 12))
        #expect(added?.comment("ok") == LineComment(path: "src/fetch.swift", line: 12, side: .new, text: "ok"))
        #expect(target(row: 8) == DiffTarget(kind: .line(.removed), file: 0, path: "src/fetch.swift", hunk: 1, line: 0, oldLine: 40, newLine: nil))
    }

    @Test func sideBySideRowsTargetThePreferredSide() {
        #expect(target(row: 3, mode: .sideBySide)?.kind == .line(.added))
        #expect(target(row: 3, mode: .sideBySide, side: .old)?.kind == .line(.removed))
        #expect(target(row: 3, mode: .sideBySide, side: .old)?.line == 1)
        // A row with only an added line targets it from either side.
        #expect(target(row: 4, mode: .sideBySide, side: .old)?.line == 3)
        #expect(target(row: 7, mode: .sideBySide)?.kind == .line(.removed))
    }
}

@Suite struct DiffJumpTests {
    let document = DiffDocument(DiffFixtures.sample)

    func jump(_ path: String, _ line: Int, side: LineComment.Side = .new, mode: DiffLayoutMode = .unified) -> (Bool, Int) {
        var state = DiffViewState(size: Size(width: 120, height: 30))
        state.setMode(mode, in: document)
        let found = state.jump(toPath: path, line: line, side: side, in: document)
        return (found, state.cursor)
    }

    @Test func toTheLineAHunkShows() {
        #expect(jump("src/fetch.swift", 10) == (true, 2))
        #expect(jump("src/fetch.swift", 11) == (true, 4), "new line 11 is the first added line")
        #expect(jump("src/fetch.swift", 12) == (true, 5))
        #expect(jump("src/fetch.swift", 13) == (true, 6))
        #expect(jump("src/fetch.swift", 11, side: .old) == (true, 3))
        #expect(jump("src/fetch.swift", 40, side: .old) == (true, 8))
        #expect(jump("src/fetch.swift", 41) == (true, 9))
        #expect(jump("src/fetch.swift", 12, mode: .sideBySide) == (true, 4))
    }

    @Test func elsewhereToTheNearestHunkOrHeader() {
        #expect(jump("src/fetch.swift", 3) == (true, 1), "before the first hunk: to it")
        #expect(jump("src/fetch.swift", 20) == (true, 7), "between hunks: to the next")
        #expect(jump("src/fetch.swift", 500) == (true, 0), "after the last: to the file")
        #expect(jump("bin/run", 1) == (true, 10), "a rename by its old path")
        #expect(jump("absent", 1) == (false, 0))
    }

    @Test func everyNumberOfALargeHunkIsFound() {
        let large = DiffDocument(DiffFixtures.large(files: 1, linesPerHunk: 1_000))
        var state = DiffViewState(size: Size(width: 120, height: 30))
        let newCount = large.hunks[0].newCount, oldCount = large.hunks[0].oldCount
        for line in 1...newCount {
            state.jump(toPath: "src/file0.swift", line: line, in: large)
            #expect(state.cursorTarget(in: large)?.newLine == line, "new \(line)")
        }
        for line in 1...oldCount {
            state.jump(toPath: "src/file0.swift", line: line, side: .old, in: large)
            #expect(state.cursorTarget(in: large)?.oldLine == line, "old \(line)")
        }
    }
}

@Suite struct DiffEmptyTests {
    @Test func anEmptyPatchDrawsAHeaderAndTargetsNothing() {
        let document = DiffDocument(Patch(files: []))
        var state = DiffViewState(size: Size(width: 40, height: 4))
        state.moveCursor(by: 3, in: document)
        state.nextFile(in: document)
        state.nextHunk(in: document)
        state.pageDown(in: document)
        state.search("x", in: document)
        #expect(state.cursor == 0 && state.top == 0 && !state.isSearching && state.search?.status == .notFound)
        #expect(state.cursorTarget(in: document) == nil)
        let buffer = DiffFixtures.frame(document, state)
        #expect(buffer.lines[0].hasPrefix("0 files  +0 −0 · unified"))
        #expect(buffer.lines[1].allSatisfy { $0 == " " })
    }
}
