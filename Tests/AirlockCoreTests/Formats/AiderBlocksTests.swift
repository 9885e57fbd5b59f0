import Testing
@testable import AirlockCore

@Suite("AiderBlocks: SEARCH/REPLACE blocks")
struct AiderBlocksTests {
    private func parse(_ text: String) throws(PatchFormatError) -> [Edit] {
        try AiderBlocks.parse(bytes(text))
    }

    private func parseFailure(_ text: String) -> PatchFormatError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    private func resolveFailure(_ text: String, _ files: [String: String]) -> PatchFormatError? {
        do {
            _ = try AiderBlocks.resolve(bytes(text), workspace: memoryWorkspace(files))
            return nil
        } catch {
            return error
        }
    }

    @Test func pathBeforeTheFence() throws {
        let edits = try parse("""
            Change the greeting.

            src/app.py
            ```python
            <<<<<<< SEARCH
            print("hi")
            =======
            print("hello")
            >>>>>>> REPLACE
            ```
            """)
        #expect(edits == [Edit(path: "src/app.py", old: "print(\"hi\")\n", new: "print(\"hello\")\n")])
    }

    @Test func pathInsideTheFenceOrWithoutOne() throws {
        let edits = try parse("```\na.txt\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n```\n\nb.txt\n<<<<<<< SEARCH\n=======\nnew\n>>>>>>> REPLACE\n")
        #expect(edits.map(\.path) == ["a.txt", "b.txt"])
        #expect(edits.last == Edit(path: "b.txt", old: "", new: "new\n"))
    }

    @Test func blocksWithoutAPathBelongToThePreviousFile() throws {
        let edits = try parse("a.c\n```c\n<<<<<<< SEARCH\n1\n=======\n2\n>>>>>>> REPLACE\n```\n```c\n<<<<<<< SEARCH\n3\n=======\n4\n>>>>>>> REPLACE\n<<<<<<< SEARCH\n5\n=======\n6\n>>>>>>> REPLACE\n```\n")
        #expect(edits.map(\.path) == ["a.c", "a.c", "a.c"])
        #expect(edits.map(\.old) == ["1\n", "3\n", "5\n"])
    }

    @Test func decoratedPathsAreCleaned() throws {
        #expect(try parse("**src/a.rs**\n```rust\n<<<<<<< SEARCH\n=======\nx\n>>>>>>> REPLACE\n```\n").first?.path == "src/a.rs")
        #expect(try parse("`b.go`:\n<<<<<<< SEARCH\n=======\nx\n>>>>>>> REPLACE\n").first?.path == "b.go")
        #expect(try parse("# c.md\n<<<<<<< SEARCH\n=======\nx\n>>>>>>> REPLACE\n").first?.path == "c.md")
    }

    @Test func proseEndingWithAColonIsNotAPath() {
        #expect(parseFailure("Here is the change:\n```python\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n```\n")?.description
            == "line 3: SEARCH/REPLACE block without a file path (write the path on the line before the block or its opening fence)")
    }

    @Test func markersAllowFiveToNineCharactersAndTrailingSpace() throws {
        let edits = try parse("f\n<<<<< SEARCH \r\nx\n=========\ny\n>>>>>>>>> REPLACE\n")
        #expect(edits == [Edit(path: "f", old: "x\n", new: "y\n")])
    }

    @Test func unterminatedBlocks() {
        #expect(parseFailure("f\n<<<<<<< SEARCH\nx\n")?.description == "line 2: unterminated SEARCH/REPLACE block: the text ends before `=======` and `>>>>>>> REPLACE`")
        #expect(parseFailure("f\n<<<<<<< SEARCH\nx\n=======\ny\n")?.description == "line 2: unterminated SEARCH/REPLACE block: the text ends before `>>>>>>> REPLACE`")
    }

    @Test func misplacedMarkers() {
        #expect(parseFailure("f\n<<<<<<< SEARCH\nx\n>>>>>>> REPLACE\n")?.description == "line 4: `>>>>>>> REPLACE` before the `=======` of the block that starts at line 2")
        #expect(parseFailure("f\n<<<<<<< SEARCH\nx\n<<<<<<< SEARCH\n")?.description == "line 4: `<<<<<<< SEARCH` inside the block that starts at line 2 (expected `=======` first)")
        #expect(parseFailure("f\n=======\n")?.description == "line 2: `=======` without a `<<<<<<< SEARCH` before it")
        #expect(parseFailure("f\n<<<<<<< SEARCH\nx\n=======\ny\n=======\n>>>>>>> REPLACE\n")?.line == 6)
    }

    @Test func textWithoutBlocks() {
        #expect(parseFailure("just prose\n")?.description == "no SEARCH/REPLACE block (expected a line `<<<<<<< SEARCH`)")
    }

    @Test func crlfBlocksKeepTheirLineEnds() throws {
        let edits = try parse("f\r\n<<<<<<< SEARCH\r\nx\r\n=======\r\ny\r\n>>>>>>> REPLACE\r\n")
        #expect(edits == [Edit(path: "f", old: "x\r\n", new: "y\r\n")])
        let patch = try AiderBlocks.resolve(bytes("f\r\n<<<<<<< SEARCH\r\nx\r\n=======\r\ny\r\n>>>>>>> REPLACE\r\n"), workspace: memoryWorkspace(["f": "w\r\nx\r\n"]))
        #expect(patch.files.first?.hunks.first?.lines == lines(" w\r\n", "-x\r\n", "+y\r\n"))
    }

    // MARK: - resolving

    @Test func resolvesIntoDiffedHunks() throws {
        let text = "a.py\n```\n<<<<<<< SEARCH\ndef f():\n    return 1\n=======\ndef f():\n    return 2\n>>>>>>> REPLACE\n```\n"
        let patch = try AiderBlocks.resolve(bytes(text), workspace: memoryWorkspace(["a.py": "import os\n\ndef f():\n    return 1\n"]))
        #expect(patch.files.first?.hunks == [Hunk(
            oldStart: 1, oldCount: 4, newStart: 1, newCount: 4,
            lines: lines(" import os\n", " \n", " def f():\n", "-    return 1\n", "+    return 2\n"))])
    }

    @Test func emptySearchCreatesAMissingFile() throws {
        let patch = try AiderBlocks.resolve(bytes("new.txt\n<<<<<<< SEARCH\n=======\nhello\n>>>>>>> REPLACE\n"), workspace: memoryWorkspace([String: String]()))
        #expect(patch.files.first?.operation == .create)
        #expect(patch.files.first?.hunks.first?.lines == lines("+hello\n"))
        #expect(resolveFailure("new.txt\n<<<<<<< SEARCH\n=======\nhello\n>>>>>>> REPLACE\n", ["new.txt": "x\n"])?.description
            == "line 2: new.txt: block 1: SEARCH text is empty, but the file exists and is not empty: empty text only creates a file or fills an empty one")
    }

    @Test func searchMatchesWholeLinesOnly() throws {
        let text = "f\n<<<<<<< SEARCH\nfoo\n=======\nbar\n>>>>>>> REPLACE\n"
        let patch = try AiderBlocks.resolve(bytes(text), workspace: memoryWorkspace(["f": "xfoo\nfoo\n"]))
        #expect(patch.files.first?.hunks.first?.lines == lines(" xfoo\n", "-foo\n", "+bar\n"))
    }

    @Test func searchMatchesALastLineWithoutNewline() throws {
        let text = "f\n<<<<<<< SEARCH\nend\n=======\nEND\n>>>>>>> REPLACE\n"
        let patch = try AiderBlocks.resolve(bytes(text), workspace: memoryWorkspace(["f": "a\nend"]))
        #expect(try TestApplier.apply(patch, to: ["f": bytes("a\nend")]) == ["f": bytes("a\nEND")])
    }

    @Test func notFoundAndAmbiguousBlocksGiveTheirLine() {
        let text = "f\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n\ng\n<<<<<<< SEARCH\nzzz\n=======\ny\n>>>>>>> REPLACE\n"
        #expect(resolveFailure(text, ["f": "a\n", "g": "q\n"])?.description == "line 9: g: block 2: SEARCH text not found (its first line is `zzz`)")
        #expect(resolveFailure(text, ["f": "a\na\n", "g": "zzz\n"])?.description == "line 2: f: block 1: SEARCH text occurs 2 times (at lines 1, 2); include more lines to make it unique")
    }

    @Test func generatedBlocksApplyToTheIntendedContent() throws {
        var gen = RandomText(seed: 0xA1D)
        var checked = 0
        for n in 0..<600 {
            let crlf = gen.int(0...3) == 0
            let newline: [UInt8] = crlf ? [13, 10] : [10]
            let fileLines = gen.file(lines: gen.int(1...30), alphabet: 40, crlf: crlf, finalNewline: gen.bool())
            var current = fileLines
            var text: [UInt8] = Array("f".utf8) + newline
            var blocks = 0
            for _ in 0..<gen.int(1...3) {
                let start = gen.int(0...(current.count - 1))
                let end = gen.int((start + 1)...min(current.count, start + 4))
                let search = current[start..<end].map { $0.last == 10 ? $0 : $0 + newline }
                let occurrences = (0...(current.count - search.count)).filter { i in
                    zip(current[i..<(i + search.count)], search).allSatisfy { $0 == $1 || $0 + newline == $1 }
                }
                guard occurrences == [start] else { continue }
                let replace = (0..<gen.int(0...3)).map { _ in Array("new \(gen.int(0...50))".utf8) + newline }
                text += Array("```".utf8) + newline + Array("<<<<<<< SEARCH".utf8) + newline + search.joinedBytes
                text += Array("=======".utf8) + newline + replace.joinedBytes + Array(">>>>>>> REPLACE".utf8) + newline
                text += Array("```".utf8) + newline
                var replacement = replace
                if end == current.count, let last = current.last, last.last != 10, let final = replacement.indices.last {
                    replacement[final] = Array(replacement[final].dropLast(newline.count))
                }
                current.replaceSubrange(start..<end, with: replacement)
                blocks += 1
                if current.isEmpty { break }
            }
            guard blocks > 0 else { continue }
            let patch = try AiderBlocks.resolve(text, workspace: memoryWorkspace(["f": fileLines.joinedBytes]))
            let expected: [String: [UInt8]] = ["f": current.joinedBytes]
            #expect(try TestApplier.apply(patch, to: ["f": fileLines.joinedBytes]) == expected, "case \(n)")
            checked += 1
        }
        #expect(checked > 300)
    }
}
