import Testing
@testable import AirlockCore

@Suite("SearchReplace: edits")
struct SearchReplaceTests {
    private func resolve(_ edits: [Edit], _ files: [String: String]) throws(PatchFormatError) -> Patch {
        try SearchReplace.resolve(edits, workspace: memoryWorkspace(files))
    }

    private func failure(_ edits: [Edit], _ files: [String: String]) -> PatchFormatError? {
        do {
            _ = try resolve(edits, files)
            return nil
        } catch {
            return error
        }
    }

    private let source = (1...12).map { "line \($0)\n" }.joined()

    @Test func oneEditIsDiffedIntoHunks() throws {
        let patch = try resolve([Edit(path: "a.txt", old: "line 6\n", new: "six\nand a half\n")], ["a.txt": source])
        let file = try #require(patch.files.first)
        #expect(file.operation == .modify && file.path == "a.txt")
        #expect(file.hunks == [Hunk(
            oldStart: 3, oldCount: 7, newStart: 3, newCount: 8, section: Bytes(" line 2".utf8),
            lines: lines(" line 3\n", " line 4\n", " line 5\n", "-line 6\n", "+six\n", "+and a half\n", " line 7\n", " line 8\n", " line 9\n"))])
    }

    @Test func laterEditsSeeEarlierOnesOnTheSameFile() throws {
        let patch = try resolve([
            Edit(path: "f", old: "alpha", new: "beta"),
            Edit(path: "g", old: "x", new: "y"),
            Edit(path: "f", old: "beta gamma", new: "delta"),
        ], ["f": "alpha gamma\n", "g": "x\n"])
        #expect(patch.files.map(\.path) == ["f", "g"])
        #expect(patch.files.first?.hunks.first?.lines == lines("-alpha gamma\n", "+delta\n"))
    }

    @Test func oldNotFoundNamesTheEditAndPath() {
        let error = failure([Edit(path: "f", old: "a", new: "b"), Edit(path: "src/x.c", old: "int main(void) {\n  return 1;", new: "")],
                            ["f": "a\n", "src/x.c": "int main() {\n  return 0;\n}\n"])
        #expect(error?.description == "src/x.c: edits[1]: `old` not found (its first line is `int main(void) {`)")
    }

    @Test func ambiguousOldGivesTheCountAndLines() {
        let error = failure([Edit(path: "f", old: "x = 1", new: "x = 2")], ["f": "x = 1\ny\nx = 1\nx = 1\n"])
        #expect(error?.description == "f: edits[0]: `old` occurs 3 times (at lines 1, 3, 4); add surrounding text to make it unique, or set `replaceAll`")
    }

    @Test func replaceAllReplacesEveryOccurrence() throws {
        let patch = try resolve([Edit(path: "f", old: "x", new: "yy", replaceAll: true)], ["f": "x\nax\nxx\n"])
        #expect(try TestApplier.apply(patch, to: ["f": bytes("x\nax\nxx\n")]) == ["f": bytes("yy\nayy\nyyyy\n")])
    }

    @Test func emptyOldCreatesAMissingFile() throws {
        let patch = try resolve([Edit(path: "new/file.txt", old: "", new: "one\ntwo")], [:])
        #expect(patch.files == [FilePatch(
            operation: .create, oldPath: nil, newPath: "new/file.txt", newMode: .regular,
            hunks: [Hunk(oldStart: 0, oldCount: 0, newStart: 1, newCount: 2, lines: lines("+one\n", "+two"))])])
        let empty = try resolve([Edit(path: "e", old: "", new: "")], [:])
        #expect(empty.files == [FilePatch(operation: .create, oldPath: nil, newPath: "e", newMode: .regular)])
    }

    @Test func emptyOldFillsAnEmptyFileButNotAFullOne() throws {
        let filled = try resolve([Edit(path: "f", old: "", new: "x\n")], ["f": ""])
        #expect(filled.files.first?.operation == .modify)
        #expect(failure([Edit(path: "f", old: "", new: "x\n")], ["f": "y\n"])?.description
            == "f: edits[0]: `old` is empty, but the file exists and is not empty: empty text only creates a file or fills an empty one")
    }

    @Test func createThenEditInOneRequest() throws {
        let patch = try resolve([Edit(path: "n", old: "", new: "a\nb\n"), Edit(path: "n", old: "b", new: "c")], [:])
        #expect(patch.files.first?.operation == .create)
        #expect(patch.files.first?.hunks.first?.lines == lines("+a\n", "+c\n"))
    }

    @Test func editingAMissingFile() {
        #expect(failure([Edit(path: "ghost", old: "a", new: "b")], [:])?.description == "ghost: edits[0]: the file does not exist")
    }

    @Test func emptyPath() {
        #expect(failure([Edit(path: "", old: "a", new: "b")], [:])?.description == "edits[0].path: empty")
    }

    @Test func crlfIsMatchedAndKeptExactly() throws {
        let patch = try resolve([Edit(path: "w", old: "b\r\nc", new: "B\r\nC")], ["w": "a\r\nb\r\nc\r\n"])
        #expect(patch.files.first?.hunks.first?.lines == lines(" a\r\n", "-b\r\n", "-c\r\n", "+B\r\n", "+C\r\n"))
        // LF text on a CRLF file matches the lines without their CR and is written CRLF.
        let lf = try resolve([Edit(path: "w", old: "b\nc", new: "B\nC")], ["w": "a\r\nb\r\nc\r\n"])
        #expect(lf == patch)
    }

    @Test func missingFinalNewlineIsKept() throws {
        let patch = try resolve([Edit(path: "f", old: "end", new: "END")], ["f": "a\nend"])
        #expect(patch.files.first?.hunks.first?.lines == lines(" a\n", "-end", "+END"))
    }

    @Test func whiteSpaceDifferencesAreNotFolded() {
        let error = failure([Edit(path: "f", old: "if x:\n  go()", new: "")], ["f": "if x:\n    go()\n"])
        #expect(error?.message.hasSuffix("it would match at line 1 if white space at the ends of lines were ignored (matching is exact)") == true)
    }

    @Test func overlappingOccurrencesAreAmbiguous() throws {
        #expect(failure([Edit(path: "f", old: "aa", new: "b")], ["f": "aaa\n"])?.message.hasPrefix("edits[0]: `old` occurs 2 times") == true)
        let all = try resolve([Edit(path: "f", old: "aa", new: "b", replaceAll: true)], ["f": "aaaaa\n"])
        #expect(try TestApplier.apply(all, to: ["f": bytes("aaaaa\n")]) == ["f": bytes("bba\n")])
    }

    /// Occurrences counted independently of the code under test, overlapping ones included.
    private func naiveCount(of pattern: [UInt8], in text: [UInt8]) -> Int {
        guard pattern.count <= text.count else { return 0 }
        return (0...(text.count - pattern.count)).count { text[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }

    @Test func anEditThatChangesNothingGivesNoEntry() throws {
        #expect(try resolve([Edit(path: "f", old: "a", new: "a")], ["f": "a\n"]).files.isEmpty)
    }

    @Test func generatedEditsApplyToTheIntendedContent() throws {
        var gen = RandomText(seed: 0x5E4)
        var checked = 0
        for n in 0..<600 {
            let crlf = gen.int(0...3) == 0
            var content = gen.file(lines: gen.int(1...30), alphabet: 40, crlf: crlf, finalNewline: gen.bool()).joinedBytes
            let original = content
            var edits: [Edit] = []
            for _ in 0..<gen.int(1...3) where !content.isEmpty {
                let start = gen.int(0...(content.count - 1))
                let end = gen.int((start + 1)...min(content.count, start + 30))
                let old = Array(content[start..<end])
                guard naiveCount(of: old, in: content) == 1,
                    let oldText = String(validating: old, as: UTF8.self)
                else { continue }
                let newText = gen.bool() ? "" : "new \(gen.int(0...99))" + (gen.bool() ? (crlf ? "\r\n" : "\n") : "")
                edits.append(Edit(path: "f", old: oldText, new: newText))
                content.replaceSubrange(start..<end, with: Array(newText.utf8))
            }
            guard !edits.isEmpty else { continue }
            let patch = try SearchReplace.resolve(edits, workspace: memoryWorkspace(["f": original]))
            let expected: [String: [UInt8]] = ["f": content]
            #expect(try TestApplier.apply(patch, to: ["f": original]) == expected, "case \(n)")
            checked += 1
        }
        #expect(checked > 300)
    }
}
