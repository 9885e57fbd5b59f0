import AirlockCore
import Testing

@testable import AirlockTUI

/// Syntax colours in the diff pane: under the line's marker and gutter, beneath word
/// highlights and search matches, never over a placeholder.
@Suite struct DiffSyntaxTests {
    typealias F = DiffFixtures

    static func patch(_ path: String, _ lines: [HunkLine]) -> Patch {
        Patch(files: [F.modify(path, [F.hunk(1, 1, lines)])])
    }

    /// The row showing `text`, and the column it starts at.
    static func find(_ text: String, in buffer: CellBuffer, sourceLocation: SourceLocation = #_sourceLocation) throws -> (x: Int, y: Int) {
        let y = try #require(buffer.lines.firstIndex { $0.contains(text) }, sourceLocation: sourceLocation)
        return (try #require(column(of: text, in: buffer, y: y), sourceLocation: sourceLocation), y)
    }

    @Test(arguments: [HunkLine.Kind.context, .added, .removed])
    func codeIsColouredAndTheMarkerKeepsTheLinesRole(kind: HunkLine.Kind) throws {
        let buffer = F.frame(Self.patch("src/a.swift", [HunkLine(kind, "let n = 42 // answer\n")]), width: 60, height: 4)
        let (x, y) = try Self.find("let n", in: buffer)
        #expect(roles(buffer, y: y, x: x, count: 3) == [.syntaxKeyword, .syntaxKeyword, .syntaxKeyword])
        #expect(buffer[x + 3, y].role == DiffPainter.role(kind), "text between tokens keeps the line's role")
        #expect(roles(buffer, y: y, x: x + 8, count: 2) == [.syntaxNumber, .syntaxNumber])
        #expect(roles(buffer, y: y, x: x + 11, count: 9) == Array(repeating: .syntaxComment, count: 9))
        #expect(buffer[x - 2, y].character == Character(DiffPainter.marker(kind)))
        #expect(buffer[x - 2, y].role == DiffPainter.role(kind), "the +/- marker")
        #expect(buffer[x + 30, y].role == DiffPainter.role(kind), "the band after the text")
    }

    @Test func wordHighlightsAndSearchMatchesWinOverSyntax() throws {
        let patch = Self.patch("src/a.swift", [
            HunkLine(.removed, "return get(url, 2)\n"),
            HunkLine(.added, "return get(url, 3)\n"),
            HunkLine(.context, "let limit = 10\n"),
        ])
        let buffer = F.frame(patch, width: 60, height: 6) { state, document in state.search("limit", in: document) }
        let removed = try Self.find("return get(url, 2)", in: buffer), added = try Self.find("return get(url, 3)", in: buffer)
        #expect(buffer[removed.x, removed.y].role == .syntaxKeyword)
        #expect(buffer[removed.x + 16, removed.y].role == .diffWordRemoved)
        #expect(buffer[added.x, added.y].role == .syntaxKeyword)
        #expect(buffer[added.x + 16, added.y].role == .diffWordAdded)
        let context = try Self.find("let limit", in: buffer)
        #expect(roles(buffer, y: context.y, x: context.x + 4, count: 5) == Array(repeating: .searchMatch, count: 5))
        #expect(buffer[context.x, context.y].role == .syntaxKeyword)
    }

    @Test func escapesStayPlaceholdersInsideStringsAndComments() throws {
        let patch = Self.patch("src/a.swift", [
            HunkLine(.added, "let s = \"\u{1b}[31m\" // \u{202e}x\n"),
        ])
        let buffer = F.frame(patch, width: 60, height: 4)
        let (x, y) = try Self.find(#"\x1b"#, in: buffer)
        #expect(roles(buffer, y: y, x: x, count: 4) == Array(repeating: .placeholder, count: 4))
        #expect(roles(buffer, y: y, x: x + 4, count: 5) == Array(repeating: .syntaxString, count: 5), "[31m\" is string")
        let bidi = try Self.find(#"\u{202e}"#, in: buffer)
        #expect(roles(buffer, y: bidi.y, x: bidi.x, count: 8) == Array(repeating: .placeholder, count: 8))
        #expect(buffer[bidi.x + 8, bidi.y].role == .syntaxComment)
    }

    @Test func unknownLanguagesAndSyntaxOffStayPlain() throws {
        for (path, syntax) in [("notes.txt", true), ("src/a.swift", false)] {
            let document = DiffDocument(Self.patch(path, [HunkLine(.added, "let n = \"x\" // 1\n")]))
            let state = DiffViewState(size: Size(width: 60, height: 4))
            var buffer = CellBuffer(width: 60, height: 4)
            DiffRenderer.render(document: document, state: state, selection: nil, into: &buffer,
                                rect: Rect(x: 0, y: 0, width: 60, height: 4), unicode: true, focused: false, syntax: syntax)
            let (x, y) = try Self.find("let n", in: buffer)
            #expect(roles(buffer, y: y, x: x, count: 17) == Array(repeating: .diffAdded, count: 17), "\(path) syntax \(syntax)")
        }
    }

    /// Pieces cut by tokens are written a cell a byte when printable ASCII; a combining
    /// mark joined to one still goes through `put` and lands on its letter.
    @Test func combiningMarksAndWideCharactersBesideTokensKeepTheirColumns() throws {
        let patch = Self.patch("a.go", [HunkLine(.added, "x := \"e\u{301}\" + \"你\" // ok\n")])
        let buffer = F.frame(patch, width: 60, height: 4)
        let (x, y) = try Self.find("x :=", in: buffer)
        #expect(buffer[x + 6, y].character == "e\u{301}" && buffer[x + 6, y].role == .syntaxString)
        #expect(buffer[x + 7, y].character == "\"" && buffer[x + 8, y].character == " ")
        #expect(buffer[x + 12, y].character == "你" && buffer[x + 12, y].width == 2)
        #expect(buffer[x + 15, y].character == " " && buffer[x + 16, y].role == .syntaxComment)
        #expect(buffer.lines[y].hasSuffix("x := \"e\u{301}\" + \"你\" // ok" + String(repeating: " ", count: 60 - x - 21)))
    }

    @Test func sideBySideColoursBothSides() throws {
        let patch = Self.patch("x.py", [HunkLine(.removed, "return 1\n"), HunkLine(.added, "return 2\n")])
        let buffer = F.frame(patch, width: 100, height: 4) { state, document in state.setMode(.sideBySide, in: document) }
        let y = try #require(buffer.lines.firstIndex { $0.contains("return 1") })
        let left = try #require(column(of: "return 1", in: buffer, y: y)), right = try #require(column(of: "return 2", in: buffer, y: y))
        #expect(buffer[left, y].role == .syntaxKeyword && buffer[right, y].role == .syntaxKeyword)
        #expect(buffer[left + 7, y].role == .diffWordRemoved && buffer[right + 7, y].role == .diffWordAdded)
    }
}
