import AirlockCore
import Testing

@testable import AirlockTUI

@Suite struct DiffSearchTests {
    let document = DiffDocument(DiffFixtures.sample)

    @Test func lowerCaseQueriesIgnoreCase() {
        var state = DiffViewState(size: Size(width: 80, height: 30))
        state.search("RETURN", in: document)
        #expect(state.search?.caseSensitive == true)
        #expect(state.search?.status == .notFound && state.cursor == 0)
        state.search("rEturn", in: document)
        #expect(state.search?.status == .notFound)
        state.search("return", in: document)
        #expect(state.search?.caseSensitive == false)
        #expect(state.cursor == 3 && state.search?.status == .found(wrapped: false))
        state.search("END", in: document)
        #expect(state.search?.status == .notFound)
        state.search("end", in: document)
        #expect(state.cursor == 9, "`end` and not `endpoint`, which is before the cursor")
    }

    @Test func nextAndPreviousWrapAround() {
        var state = DiffViewState(size: Size(width: 80, height: 30))
        state.search("get(url", in: document)
        var rows = [state.cursor]
        for _ in 0..<2 {
            state.nextMatch(in: document)
            rows.append(state.cursor)
        }
        #expect(rows == [3, 4, 3])
        #expect(state.search?.status == .found(wrapped: true))
        state.previousMatch(in: document)
        #expect(state.cursor == 4 && state.search?.status == .found(wrapped: true))
        state.previousMatch(in: document)
        #expect(state.cursor == 3 && state.search?.status == .found(wrapped: false))
    }

    @Test func pathsAndSectionsAreSearchedToo() {
        var state = DiffViewState(size: Size(width: 80, height: 30))
        state.search("start", in: document)
        #expect(state.cursor == 10)
        state.search("func fetch", in: document)
        #expect(state.cursor == 1, "wrapped round to the hunk's section")
        state.search("", in: document)
        #expect(state.search == nil)
    }

    @Test func matchesAreHighlighted() {
        let buffer = DiffFixtures.frame(DiffFixtures.sample, width: 64, height: 12) { state, document in
            state.search("GET", in: document)  // case-sensitive: no match, no highlight
        }
        #expect(!buffer.cells.contains { $0.role == .searchMatch && $0.character == "g" })
        let found = DiffFixtures.frame(DiffFixtures.sample, width: 64, height: 12) { state, document in
            state.search("get", in: document)
        }
        for y in [4, 5] {
            #expect(roles(found, y: y, x: 17, count: 3) == [.searchMatch, .searchMatch, .searchMatch], "row \(y)")
            #expect(found[16, y].role != .searchMatch && found[20, y].role != .searchMatch)
        }
        #expect(found.lines[0].contains("/get"))
    }

    @Test func aLongScanIsSpreadOverSteps() {
        let large = DiffDocument(DiffFixtures.large(files: 10, linesPerHunk: 10_000, needle: "the Needle at the end"))
        var state = DiffViewState(size: Size(width: 200, height: 60))
        state.search("needle", in: large)
        #expect(state.isSearching && state.search?.status == .searching && state.cursor == 0)
        var steps = 1
        while state.isSearching, steps < 100 {
            state.continueSearch(in: large)
            steps += 1
        }
        #expect(steps > 2, "one step looks at a bounded number of bytes")
        #expect(state.search?.status == .found(wrapped: false))
        #expect(state.cursor == large.unifiedRowCount - 1)
        state.nextMatch(in: large)
        while state.isSearching { state.continueSearch(in: large) }
        #expect(state.search?.status == .found(wrapped: true) && state.cursor == large.unifiedRowCount - 1)
        state.search("absent", in: large)
        while state.isSearching { state.continueSearch(in: large) }
        #expect(state.search?.status == .notFound)
    }
}
