import AirlockCore
import Testing

@testable import AirlockTUI

@Suite struct DiffRenderTests {
    @Test func unifiedRowsShowNumbersMarkersAndHeaders() {
        let buffer = DiffFixtures.frame(DiffFixtures.sample, width: 64, height: 13)
        expectLines(buffer, [
            "2 files  +2 −2 · unified                                    1/11",
            "  src/fetch.swift  +2 −2  modified",
            "  @@ -10,3 +10,4 @@ func fetch(",
            "  10 10   let url = endpoint(id)",
            "  11    - return get(url)",
            "     11 + return get(url, retries: 3)",
            "     12 + // retried",
            "  12 13   }",
            "  @@ -40,2 +41 @@",
            "  40    - old()",
            "  41 41   end",
            "  bin/run → bin/start  +0 −0  renamed 100%  mode 100644→100755",
            "",
        ])
    }

    @Test func rolesOfAddedRemovedAndWordChanges() {
        let buffer = DiffFixtures.frame(DiffFixtures.sample, width: 64, height: 13)
        // Numbers, marker, then the text from column 10.
        #expect(roles(buffer, y: 4, x: 2, count: 2) == [.lineNumber, .lineNumber])
        #expect(buffer[8, 4].role == .diffRemoved)
        // The file is Swift: `return` is a keyword, the rest keeps the line's role.
        let keyword = Array(repeating: StyleRole.syntaxKeyword, count: 6)
        #expect(roles(buffer, y: 4, x: 10, count: 15) == keyword + Array(repeating: .diffRemoved, count: 9))
        // Only the words the added line adds are marked: `, retries: 3`.
        #expect(roles(buffer, y: 5, x: 10, count: 14) == keyword + Array(repeating: .diffAdded, count: 8))
        #expect(roles(buffer, y: 5, x: 24, count: 12) == Array(repeating: .diffWordAdded, count: 12))
        #expect(buffer[36, 5].role == .diffAdded)
        // An added line with no removed line to pair with has no word marks.
        #expect(!buffer.roles(row: 6).contains(.diffWordAdded))
        #expect(roles(buffer, y: 3, x: 10, count: 22) == Array(keyword.prefix(3)) + Array(repeating: .diffContext, count: 19))
        #expect(buffer[2, 2].role == .diffHunkHeader)
        #expect(buffer[2, 1].role == .diffFileHeader)
        #expect(buffer[19, 1].role == .diffAdded && buffer[22, 1].role == .diffRemoved)
        #expect(buffer[26, 1].role == .badge)
    }

    @Test func changedWordsAreMarkedOnBothLinesOfAPair() {
        let patch = Patch(files: [DiffFixtures.modify("a.swift", [DiffFixtures.hunk(1, 1, [
            DiffFixtures.line(.removed, "let x = compute(1, scale: 2)\n"),
            DiffFixtures.line(.added, "let x = compute(1, scale: 3)\n"),
        ])])])
        let buffer = DiffFixtures.frame(patch, width: 60, height: 6)
        let text = 8  // two columns of numbers of one digit
        let removed = buffer.roles(row: 3)[text..<(text + 28)], added = buffer.roles(row: 4)[text..<(text + 28)]
        #expect(removed.indices.filter { removed[$0] == .diffWordRemoved } == [text + 26])
        #expect(added.indices.filter { added[$0] == .diffWordAdded } == [text + 26])
        #expect(buffer.lines[3].hasPrefix("  1   - let x = compute(1, scale: 2)"))
    }

    @Test func sideBySidePairsRemovedWithAddedLines() {
        let buffer = DiffFixtures.frame(DiffFixtures.sample, width: 100, height: 11) { state, document in
            state.setMode(.sideBySide, in: document)
        }
        expectLines(buffer, [
            "2 files  +2 −2 · side by side                                                                   1/10",
            "  src/fetch.swift  +2 −2  modified",
            "  @@ -10,3 +10,4 @@ func fetch(",
            "  10   let url = endpoint(id)                    │  10   let url = endpoint(id)",
            "  11 - return get(url)                           │  11 + return get(url, retries: 3)",
            "                                                 │  12 + // retried",
            "  12   }                                         │  13   }",
            "  @@ -40,2 +41 @@",
            "  40 - old()                                     │",
            "  41   end                                       │  41   end",
            "  bin/run → bin/start  +0 −0  renamed 100%  mode 100644→100755",
        ])
        // After the keyword `return`, which has its syntax role on both sides.
        #expect(buffer[17, 4].role == .diffRemoved && buffer[65, 4].role == .diffAdded)
        #expect(buffer[10, 4].role == .syntaxKeyword && buffer[58, 4].role == .syntaxKeyword)
        #expect(roles(buffer, y: 4, x: 71, count: 12) == Array(repeating: .diffWordAdded, count: 12))
        #expect(buffer[70, 4].role == .diffAdded && buffer[83, 4].role == .diffAdded)
        #expect(buffer[10, 5].role == .diffContext)
    }

    @Test func narrowPaneFallsBackToUnifiedAndSaysSo() {
        let buffer = DiffFixtures.frame(DiffFixtures.sample, width: 99, height: 4) { state, document in
            state.setMode(.sideBySide, in: document)
        }
        #expect(buffer.lines[0].contains("unified (side by side needs 100 columns)"))
        #expect(buffer.lines[3].hasPrefix("  10 10   let url"))
    }

    @Test func cursorRowIsSelectedOnlyWhenFocused() {
        func frame(focused: Bool) -> CellBuffer {
            DiffFixtures.frame(DiffFixtures.sample, width: 40, height: 8, focused: focused) { state, document in
                state.moveCursor(by: 3, in: document)
            }
        }
        let focused = frame(focused: true)
        // The cursor row is selected as far as it has text (then blanks stay as they are).
        let end = focused.lines[4].count - focused.lines[4].reversed().prefix { $0 == " " }.count
        #expect(end > 10)
        for y in 0..<8 {
            #expect((0..<end).allSatisfy { focused[$0, y].selected == (y == 4) }, "row \(y)")
            #expect((end..<40).allSatisfy { !focused[$0, y].selected }, "row \(y) after its text")
        }
        let unfocused = frame(focused: false)
        #expect(unfocused.cells.allSatisfy { !$0.selected })
    }

    @Test func selectionMarksFilesHunksAndLines() {
        let ref = HunkSelection.HunkRef(file: 0, hunk: 0)
        let selection = HunkSelection(hunks: [HunkSelection.HunkRef(file: 0, hunk: 1)], lines: [ref: [2]])
        for unicode in [true, false] {
            let buffer = DiffFixtures.frame(DiffFixtures.sample, width: 64, height: 12, selection: selection, unicode: unicode)
            let (all, part, none) = unicode ? ("✓", "◐", "·") : ("x", "~", ".")
            let marks = buffer.lines.map { String($0.prefix(1)) }
            #expect(marks[1] == part, "the file: one hunk whole, one in part")
            #expect(marks[2] == part, "first hunk: one line chosen")
            #expect(marks[3] == " ", "context lines have no mark")
            #expect(marks[4] == none && marks[5] == all && marks[6] == none)
            #expect(marks[8] == all && marks[9] == all, "second hunk chosen whole")
            #expect(marks[11] == none, "the rename is not chosen")
            #expect(buffer[0, 5].role == .diffChosen && buffer[0, 4].role == .diffNotChosen)
        }
        let whole = DiffFixtures.frame(DiffFixtures.sample, width: 64, height: 3, selection: HunkSelection(files: [0]))
        #expect(whole.lines[1].hasPrefix("✓") && whole.lines[2].hasPrefix("✓"))
    }

    @Test func commentsAreDrawnUnderTheirLine() {
        let comments = [
            LineComment(path: "src/fetch.swift", line: 11, side: .new, text: "why 3?"),
            LineComment(path: "src/fetch.swift", line: 40, side: .old, text: "keep \u{1b}[2Jthis"),
            LineComment(path: "elsewhere", line: 11, text: "not here"),
        ]
        let buffer = DiffFixtures.frame(DiffFixtures.sample, width: 64, height: 14, comments: comments)
        expectLines(buffer, [
            "2 files  +2 −2 · unified                                    1/11",
            "  src/fetch.swift  +2 −2  modified",
            "  @@ -10,3 +10,4 @@ func fetch(",
            "  10 10   let url = endpoint(id)",
            "  11    - return get(url)",
            "     11 + return get(url, retries: 3)",
            "        ✎ why 3?",
            "     12 + // retried",
            "  12 13   }",
            "  @@ -40,2 +41 @@",
            "  40    - old()",
            "        ✎ keep \\x1b[2Jthis",
            "  41 41   end",
            "  bin/run → bin/start  +0 −0  renamed 100%  mode 100644→100755",
        ])
        #expect(buffer[10, 6].role == .comment)
    }

    @Test func wrapContinuesLongLinesUnderTheirText() {
        let patch = Patch(files: [DiffFixtures.modify("a", [DiffFixtures.hunk(1, 1, [
            DiffFixtures.line(.added, "abcdefghijklmnopqrstuvwxyz0123456789\n"),
            DiffFixtures.line(.context, "tail\n"),
        ])])])
        let cut = DiffFixtures.frame(patch, width: 24, height: 5)
        expectLines(cut, [
            "1 file  +1 −0 · unified",
            "  a  +1 −0  modified",
            "  @@ -1 +1,2 @@",
            "    1 + abcdefghijklmno…",
            "  1 2   tail",
        ])
        let wrapped = DiffFixtures.frame(patch, width: 24, height: 7) { state, document in
            state.toggleWrap(in: document)
        }
        expectLines(wrapped, [
            "1 file  +1 −0 · unified",
            "  a  +1 −0  modified",
            "  @@ -1 +1,2 @@",
            "    1 + abcdefghijklmnop",
            "        qrstuvwxyz012345",
            "        6789",
            "  1 2   tail",
        ])
        #expect(wrapped[8, 5].role == .diffAdded, "the band continues on wrapped lines")
    }

    @Test func wrapKeepsTheCursorRowInView() {
        let long = String(repeating: "x", count: 40) + "\n"
        let patch = Patch(files: [DiffFixtures.modify("a", [DiffFixtures.hunk(1, 1, Array(repeating: DiffFixtures.line(.context, long), count: 6))])])
        let document = DiffDocument(patch)
        var state = DiffViewState(size: Size(width: 24, height: 7))
        state.toggleWrap(in: document)
        state.moveCursor(by: 4, in: document)  // each line takes 3 screen lines: 6 lines under the header
        #expect(state.top == 3)
        let buffer = DiffFixtures.frame(document, state)
        #expect(buffer[0, 4].selected && buffer[0, 6].selected && !buffer[0, 3].selected)
    }

    @Test func asciiModeDrawsNoGlyphBeyondASCII() {
        let selection = HunkSelection(lines: [HunkSelection.HunkRef(file: 0, hunk: 0): [1]])
        let comments = [LineComment(path: "src/fetch.swift", line: 11, text: "ok")]
        for mode in DiffLayoutMode.allCases {
            let buffer = DiffFixtures.frame(DiffFixtures.sample, width: 110, height: 14, selection: selection, comments: comments, unicode: false) { state, document in
                state.setMode(mode, in: document)
            }
            let outside = buffer.cells.filter { !$0.character.isASCII }
            #expect(outside.isEmpty, "\(mode): \(outside.map(\.character))")
            #expect(buffer.lines.contains { $0.contains("bin/run -> bin/start  +0 -0  renamed 100%  mode 100644->100755") })
        }
    }
}

@Suite struct DiffFileHeaderTests {
    @Test func badgesNameOperationModeAndBinary() {
        let patch = Patch(files: [
            FilePatch(operation: .create, oldPath: nil, newPath: "run.sh", newMode: .executable,
                      hunks: [DiffFixtures.hunk(0, 1, [DiffFixtures.line(.added, "echo\n")])]),
            FilePatch(operation: .delete, oldPath: "gone.txt", newPath: nil, oldMode: .regular,
                      hunks: [DiffFixtures.hunk(1, 0, [DiffFixtures.line(.removed, "bye\n")])]),
            FilePatch(operation: .modify, oldPath: "logo.png", newPath: "logo.png", binary: .marker),
            FilePatch(operation: .copy, oldPath: "a.c", newPath: "b.c", similarity: 90),
        ])
        let buffer = DiffFixtures.frame(patch, width: 60, height: 9)
        expectLines(buffer, [
            "4 files  +1 −1 · unified                                 1/8",
            "  run.sh  +1 −0  created  mode 100755",
            "  @@ -0,0 +1 @@",
            "    1 + echo",
            "  gone.txt  +0 −1  deleted",
            "  @@ -1 +0,0 @@",
            "  1   - bye",
            "  logo.png  +0 −0  modified  binary",
            "  a.c → b.c  +0 −0  copied 90%",
        ])
    }

    @Test func aLongPathGivesWayToTheBadges() {
        let path = String(repeating: "deep/", count: 20) + "file.txt"
        let patch = Patch(files: [FilePatch(operation: .modify, oldPath: path, newPath: path, binary: .marker)])
        let buffer = DiffFixtures.frame(patch, width: 50, height: 2)
        #expect(buffer.lines[1].hasSuffix("  +0 −0  modified  binary"))
        #expect(buffer.lines[1].hasPrefix("  deep/deep/"))
    }
}

@Suite struct DiffSideBySideWrapTests {
    @Test func theTallerSideSetsTheRowsHeightAndTheOtherBandContinues() {
        let patch = Patch(files: [DiffFixtures.modify("a", [DiffFixtures.hunk(1, 1, [
            DiffFixtures.line(.removed, "short\n"),
            DiffFixtures.line(.added, String(repeating: "n", count: 100) + "\n"),
            DiffFixtures.line(.context, "after\n"),
        ])])])
        let comments = [LineComment(path: "a", line: 1, side: .old, text: "was fine")]
        let buffer = DiffFixtures.frame(patch, width: 101, height: 9, selection: HunkSelection(), comments: comments) { state, document in
            state.setMode(.sideBySide, in: document)
            state.toggleWrap(in: document)
        }
        let long = String(repeating: "n", count: 44)
        let blank = String(repeating: " ", count: 50)
        expectLines(buffer, [
            "1 file  +1 −1 · side by side · wrap" + String(repeating: " ", count: 63) + "1/4",
            "· a  +1 −1  modified",
            "· @@ -1,2 +1,2 @@",
            "· 1 - short" + String(repeating: " ", count: 39) + "│· 1 + \(long)",
            blank + "│      \(long)",
            blank + "│      \(String(repeating: "n", count: 12))",
            "  ✎ was fine",
            "  2   after" + String(repeating: " ", count: 39) + "│  2   after",
            "",
        ])
        #expect(buffer[10, 5].role == .diffRemoved, "the removed band continues beside the wrapped added line")
        #expect(buffer[60, 5].role == .diffAdded)
        #expect(buffer[2, 6].role == .comment)
    }
}
