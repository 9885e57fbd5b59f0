import AirlockCore
import Testing

@testable import AirlockTUI

/// What an agent writes in a diff reaches the buffer only as visible text.
@Suite struct DiffHostileTextTests {
    static let hostileLines: [HunkLine] = [
        HunkLine(.removed, "\u{1b}[31mred\u{1b}[0m\n"),
        HunkLine(.added, "\u{1b}]52;c;ZXZpbA==\u{07}copy\n"),
        HunkLine(.added, "bell\u{07} csi\u{9b}2J\n"),
        HunkLine(.added, "\u{202e}txt.exe\n"),
        HunkLine(.added, Bytes([0x62, 0x61, 0x64, 0xff, 0xfe, 0xc0, 0x80, 0x0a])),
        HunkLine(.context, "你好世界|end\n"),
        HunkLine(.context, "ab|end\n"),
        HunkLine(.context, "a\rb\n"),
    ]

    static let hostile = Patch(files: [
        FilePatch(operation: .modify, oldPath: "evil\u{1b}]0;title\u{07}.txt", newPath: "evil\u{1b}]0;title\u{07}.txt", hunks: [
            Hunk(oldStart: 1, oldCount: 4, newStart: 1, newCount: 7, section: Bytes(" f\u{1b}[2J()".utf8), lines: hostileLines),
        ]),
    ])

    /// A scalar a terminal would act on rather than draw.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.generalCategory == .format
    }

    @Test(arguments: DiffLayoutMode.allCases, [false, true])
    func noControlCharacterReachesTheBuffer(mode: DiffLayoutMode, wrap: Bool) {
        let comments = [LineComment(path: "evil\u{1b}]0;title\u{07}.txt", line: 2, text: "see \u{1b}[1m\u{202e}")]
        let buffer = DiffFixtures.frame(Self.hostile, width: 120, height: 20, comments: comments) { state, document in
            state.setMode(mode, in: document)
            if wrap { state.toggleWrap(in: document) }
            state.search("csi", in: document)
        }
        let controls = buffer.cells.flatMap(\.character.unicodeScalars).filter(Self.isControl)
        #expect(controls.isEmpty, "\(controls.map { String($0.value, radix: 16) })")
        let text = buffer.lines.joined(separator: "\n")
        for shown in [#"evil\x1b]0;title\x07.txt"#, #"f\x1b[2J()"#, #"\x1b[31mred\x1b[0m"#, #"\x1b]52;c;ZXZpbA==\x07copy"#,
                      #"bell\x07 csi\x9b2J"#, #"\u{202e}txt.exe"#, #"bad\xff\xfe\xc0\x80"#, #"a\rb"#, #"see \x1b[1m\u{202e}"#] {
            #expect(text.contains(shown), "\(shown) not shown")
        }
    }

    @Test func placeholdersHaveTheirOwnRole() {
        let buffer = DiffFixtures.frame(Self.hostile, width: 80, height: 12)
        let y = buffer.lines.firstIndex { $0.contains("red") } ?? 0
        let x = column(of: #"\x1b[31m"#, in: buffer, y: y) ?? 0
        #expect(roles(buffer, y: y, x: x, count: 4) == Array(repeating: .placeholder, count: 4))
        #expect(buffer[x + 4, y].role == .diffRemoved, "the `[` after ESC is text")
    }

    @Test(arguments: DiffLayoutMode.allCases)
    func wideCharactersKeepColumnsAligned(mode: DiffLayoutMode) {
        let buffer = DiffFixtures.frame(Self.hostile, width: 120, height: 14) { state, document in
            state.setMode(mode, in: document)
        }
        let rows = buffer.lines.indices.filter { buffer.lines[$0].contains("|end") }
        #expect(rows.count == (mode == .unified ? 2 : 2))
        let columns = Set(rows.map { column(of: "|end", in: buffer, y: $0) })
        #expect(columns.count == 2, "你好世界 is 8 columns, ab 2: `|end` 6 columns further")
        let sorted = columns.compactMap { $0 }.sorted()
        #expect(sorted.count == 2 && sorted[1] - sorted[0] == 6)
        if mode == .sideBySide {
            // The separator stays in one column on every line row.
            let separators = Set(buffer.lines.indices.compactMap { y in (0..<120).first { buffer[$0, y].character == "│" } })
            #expect(separators.count == 1)
        }
    }

    @Test func wideCharacterCutAtTheEdgeIsNotHalved() {
        let patch = Patch(files: [DiffFixtures.modify("a", [DiffFixtures.hunk(1, 1, [DiffFixtures.line(.context, String(repeating: "界", count: 20) + "\n")])])])
        let buffer = DiffFixtures.frame(patch, width: 21, height: 4)
        // 21 columns: 8 of gutter, 13 of text: six wide characters, then the cut mark.
        #expect(buffer.lines[3] == "  1 1   界界界界界界…")
        #expect(buffer[20, 3].width == 1)
    }

    @Test func crlfFileShowsABadgeNotACarriageReturnPerLine() {
        let patch = Patch(files: [DiffFixtures.modify("win.txt", [DiffFixtures.hunk(1, 1, [
            DiffFixtures.line(.context, "one\r\n"),
            DiffFixtures.line(.removed, "two\r\n"),
            DiffFixtures.line(.added, "2\r\n"),
        ])])])
        let buffer = DiffFixtures.frame(patch, width: 50, height: 6)
        expectLines(buffer, [
            "1 file  +1 −1 · unified                        1/5",
            "  win.txt  +1 −1  modified  CRLF",
            "  @@ -1,2 +1,2 @@",
            "  1 1   one",
            "  2   - two",
            "    2 + 2",
        ])
    }

    @Test func mixedEndingsShowWhichLinesHaveCR() {
        let patch = Patch(files: [DiffFixtures.modify("mixed.txt", [DiffFixtures.hunk(1, 1, [
            DiffFixtures.line(.context, "unix\n"),
            DiffFixtures.line(.added, "dos\r\n"),
            DiffFixtures.line(.added, "last"),
        ])])])
        let buffer = DiffFixtures.frame(patch, width: 64, height: 6)
        expectLines(buffer, [
            "1 file  +2 −0 · unified                                      1/5",
            "  mixed.txt  +2 −0  modified  mixed endings  no newline at end",
            "  @@ -1 +1,3 @@",
            "  1 1   unix",
            "    2 + dos\\r",
            "    3 + last",
        ])
    }

    @Test func tabsExpandToFourColumnStops() {
        let patch = Patch(files: [DiffFixtures.modify("t", [DiffFixtures.hunk(1, 1, [
            DiffFixtures.line(.context, "\tx\n"),
            DiffFixtures.line(.context, "ab\tc\td\n"),
        ])])])
        let buffer = DiffFixtures.frame(patch, width: 30, height: 5)
        #expect(buffer.lines[3].hasPrefix("  1 1       x"))
        #expect(buffer.lines[4].hasPrefix("  2 2   ab  c   d"))
    }
}
