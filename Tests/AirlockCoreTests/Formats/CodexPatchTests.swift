import Testing
@testable import AirlockCore

@Suite("CodexPatch: resolving valid patches")
struct CodexPatchTests {
    private func numbered(_ range: ClosedRange<Int>) -> String {
        range.map { "\($0)\n" }.joined()
    }

    private func resolve(_ text: String, _ files: [String: String]) throws -> Patch {
        try CodexPatch.locate(bytes(text), workspace: memoryWorkspace(files))
    }

    private func header(_ hunk: Hunk) -> [Int] {
        [hunk.oldStart, hunk.oldCount, hunk.newStart, hunk.newCount]
    }

    @Test func updateBecomesOneHunkWithTheChunksContext() throws {
        let patch = try resolve("""
            *** Begin Patch
            *** Update File: src/n.txt
            @@
             7
             8
             9
            -10
            +ten
             11
             12
            *** End Patch
            """, ["src/n.txt": numbered(1...20)])
        let file = try #require(patch.files.first)
        #expect(patch.files.count == 1)
        #expect(file.operation == .modify && file.oldPath == "src/n.txt" && file.newPath == "src/n.txt")
        #expect(file.hunks == [Hunk(oldStart: 7, oldCount: 6, newStart: 7, newCount: 6,
                                    lines: lines(" 7\n", " 8\n", " 9\n", "-10\n", "+ten\n", " 11\n", " 12\n"))])
    }

    @Test func laterChunksAreNumberedAfterEarlierChanges() throws {
        let patch = try resolve("""
            *** Begin Patch
            *** Update File: n
            @@
             2
            +2.5
            +2.6
             3
            @@
             15
            -16
             17
            *** End Patch
            """, ["n": numbered(1...20)])
        let hunks = try #require(patch.files.first?.hunks)
        #expect(hunks.map(header) == [[2, 2, 2, 4], [15, 3, 17, 2]])
        #expect(try TestApplier.apply(hunks, to: bytes(numbered(1...20))) == bytes(numbered(1...2) + "2.5\n2.6\n" + numbered(3...15) + numbered(17...20)))
    }

    @Test func firstChunkMayOmitItsAtAtLine() throws {
        let patch = try resolve("*** Begin Patch\n*** Update File: f\n a\n-b\n+B\n*** End Patch\n", ["f": "a\nb\nc\n"])
        #expect(patch.files.first?.hunks.map(header) == [[1, 2, 1, 2]])
    }

    @Test func anchorNarrowsTheSearchToAfterItsLine() throws {
        let file = "def one():\n    x = 1\n    return x\ndef two():\n    x = 1\n    return x\n"
        let patch = try resolve("""
            *** Begin Patch
            *** Update File: f.py
            @@ def two():
            -    x = 1
            +    x = 2
            *** End Patch
            """, ["f.py": file])
        #expect(patch.files.first?.hunks == [Hunk(oldStart: 5, oldCount: 1, newStart: 5, newCount: 1, section: Bytes(" def two():".utf8), lines: lines("-    x = 1\n", "+    x = 2\n"))])
    }

    @Test func severalAnchorsNarrowInTurn() throws {
        let file = "class A:\n  def f():\n    pass\nclass B:\n  def g():\n    pass\n  def f():\n    pass\n"
        let patch = try resolve("""
            *** Begin Patch
            *** Update File: c.py
            @@ class B:
            @@   def f():
            -    pass
            +    return 1
            *** End Patch
            """, ["c.py": file])
        #expect(patch.files.first?.hunks.map(header) == [[8, 1, 8, 1]])
    }

    @Test func aRepeatedChunkResolvesToItsFirstOccurrence() throws {
        let patch = try resolve("*** Begin Patch\n*** Update File: f\n@@\n-x\n+y\n*** End Patch\n", ["f": "a\nx\nb\nx\n"])
        #expect(patch.files.first?.hunks.map(header) == [[2, 1, 2, 1]])
    }

    @Test func endOfFileAnchorsTheChunkAtTheEnd() throws {
        let patch = try resolve("*** Begin Patch\n*** Update File: f\n@@\n-x\n+y\n*** End of File\n*** End Patch\n", ["f": "a\nx\nb\nx\n"])
        #expect(patch.files.first?.hunks.map(header) == [[4, 1, 4, 1]])
    }

    @Test func addFileCreatesWithOneHunk() throws {
        let patch = try resolve("*** Begin Patch\n*** Add File: docs/new.md\n+# Title\n+\n+text\n*** End Patch\n", [:])
        let file = try #require(patch.files.first)
        #expect(file.operation == .create && file.oldPath == nil && file.newPath == "docs/new.md" && file.newMode == .regular)
        #expect(file.hunks == [Hunk(oldStart: 0, oldCount: 0, newStart: 1, newCount: 3, lines: lines("+# Title\n", "+\n", "+text\n"))])
    }

    @Test func emptyAddFileCreatesAnEmptyFile() throws {
        let patch = try resolve("*** Begin Patch\n*** Add File: empty\n*** End Patch\n", [:])
        #expect(patch.files.first?.operation == .create)
        #expect(patch.files.first?.hunks.isEmpty == true)
    }

    @Test func deleteFileRemovesTheCurrentContent() throws {
        let patch = try resolve("*** Begin Patch\n*** Delete File: old.txt\n*** End Patch\n", ["old.txt": "a\nb"])
        let file = try #require(patch.files.first)
        #expect(file.operation == .delete && file.oldPath == "old.txt" && file.newPath == nil)
        #expect(file.hunks == [Hunk(oldStart: 1, oldCount: 2, newStart: 0, newCount: 0, lines: lines("-a\n", "-b"))])
    }

    @Test func moveToRenamesWithTheChunksAsHunks() throws {
        let patch = try resolve("""
            *** Begin Patch
            *** Update File: a/old.swift
            *** Move to: b/new.swift
            @@
            -let x = 1
            +let x = 2
            *** End Patch
            """, ["a/old.swift": "let x = 1\n"])
        let file = try #require(patch.files.first)
        #expect(file.operation == .rename && file.oldPath == "a/old.swift" && file.newPath == "b/new.swift")
        #expect(file.hunks.map(header) == [[1, 1, 1, 1]])
    }

    @Test func moveWithoutChunksIsAPureRename() throws {
        let patch = try resolve("*** Begin Patch\n*** Update File: a\n*** Move to: b\n*** End Patch\n", ["a": "x\n"])
        #expect(patch.files == [FilePatch(operation: .rename, oldPath: "a", newPath: "b")])
    }

    @Test func moveToTheSamePathIsAPlainUpdate() throws {
        let patch = try resolve("*** Begin Patch\n*** Update File: a\n*** Move to: a\n@@\n-x\n+y\n*** End Patch\n", ["a": "x\n"])
        #expect(patch.files.map(\.operation) == [.modify])
    }

    @Test func textAroundThePatchIsIgnored() throws {
        let wrapped = """
            Here is the change.
            apply_patch <<'EOF'
            *** Begin Patch
            *** Update File: f
            @@
            -a
            +b
            *** End Patch
            EOF
            """
        let patch = try resolve(wrapped, ["f": "a\n"])
        #expect(patch.files.first?.hunks == [Hunk(oldStart: 1, oldCount: 1, newStart: 1, newCount: 1, lines: lines("-a\n", "+b\n"))])
    }

    @Test func markerLinesMayCarryWhiteSpaceAndCR() throws {
        let patch = try resolve("  *** Begin Patch \r\n*** Update File: f \r\n@@\r\n-a\r\n+b\r\n*** End Patch\r\n", ["f": "a\r\n"])
        #expect(patch.files.first?.path == "f")
        #expect(patch.files.first?.hunks.first?.lines == lines("-a\r\n", "+b\r\n"))
    }

    @Test func crlfFilesStayCRLF() throws {
        let patch = try resolve("*** Begin Patch\r\n*** Update File: w.txt\r\n@@\r\n x\r\n-y\r\n+Y\r\n*** End Patch\r\n", ["w.txt": "x\r\ny\r\nz\r\n"])
        #expect(patch.files.first?.hunks == [Hunk(oldStart: 1, oldCount: 2, newStart: 1, newCount: 2, lines: lines(" x\r\n", "-y\r\n", "+Y\r\n"))])
    }

    @Test func replacingTheLastLineOfAFileWithoutNewlineKeepsItWithout() throws {
        let patch = try resolve("*** Begin Patch\n*** Update File: f\n@@\n b\n-c\n+C\n*** End Patch\n", ["f": "a\nb\nc"])
        let hunks = try #require(patch.files.first?.hunks)
        #expect(hunks == [Hunk(oldStart: 2, oldCount: 2, newStart: 2, newCount: 2, section: Bytes(" a".utf8), lines: lines(" b\n", "-c", "+C"))])
        #expect(try TestApplier.apply(hunks, to: bytes("a\nb\nc")) == bytes("a\nb\nC"))
    }

    @Test func appendingAfterALastLineWithoutNewline() throws {
        let patch = try resolve("*** Begin Patch\n*** Update File: f\n@@\n c\n+d\n*** End Patch\n", ["f": "a\nb\nc"])
        let hunks = try #require(patch.files.first?.hunks)
        #expect(hunks == [Hunk(oldStart: 3, oldCount: 1, newStart: 3, newCount: 2, section: Bytes(" b".utf8), lines: lines("-c", "+c\n", "+d"))])
    }

    @Test func pureAdditionWithoutAnchorGoesToTheEnd() throws {
        let patch = try resolve("*** Begin Patch\n*** Update File: f\n@@\n+z\n*** End Patch\n", ["f": "a\nb\n"])
        #expect(patch.files.first?.hunks == [Hunk(oldStart: 2, oldCount: 0, newStart: 3, newCount: 1, section: Bytes(" b".utf8), lines: lines("+z\n"))])
        let unterminated = try resolve("*** Begin Patch\n*** Update File: f\n@@\n+z\n*** End Patch\n", ["f": "a\nb"])
        #expect(unterminated.files.first?.hunks == [Hunk(oldStart: 2, oldCount: 1, newStart: 2, newCount: 2, section: Bytes(" a".utf8), lines: lines("-b", "+b\n", "+z"))])
    }

    @Test func pureAdditionGoesRightAfterItsAnchor() throws {
        let patch = try resolve("*** Begin Patch\n*** Update File: f\n@@ b\n+inserted\n*** End Patch\n", ["f": "a\nb\nc\n"])
        #expect(patch.files.first?.hunks == [Hunk(oldStart: 2, oldCount: 0, newStart: 3, newCount: 1, section: Bytes(" b".utf8), lines: lines("+inserted\n"))])
    }

    @Test func emptyLinesInsideAChunkAreEmptyContextLines() throws {
        let patch = try resolve("*** Begin Patch\n*** Update File: f\n@@\n a\n\n-b\n+B\n\n\n*** End Patch\n", ["f": "a\n\nb\nc\n"])
        #expect(patch.files.first?.hunks == [Hunk(oldStart: 1, oldCount: 3, newStart: 1, newCount: 3, lines: lines(" a\n", " \n", "-b\n", "+B\n"))])
    }

    @Test func chunksThatChangeNothingProduceNoEntry() throws {
        let patch = try resolve("*** Begin Patch\n*** Update File: f\n@@\n a\n*** Add File: g\n+x\n*** End Patch\n", ["f": "a\n"])
        #expect(patch.files.map(\.path) == ["g"])
    }

    @Test func absolutePathsArePassedThroughForTheApplierToRefuse() throws {
        let patch = try resolve("*** Begin Patch\n*** Update File: /etc/hosts\n@@\n-a\n+b\n*** End Patch\n", ["/etc/hosts": "a\n"])
        #expect(patch.files.first?.path == "/etc/hosts")
    }

    @Test func severalOperationsKeepTheirOrder() throws {
        let patch = try resolve("""
            *** Begin Patch
            *** Add File: new
            +n
            *** Delete File: gone
            *** Update File: kept
            @@
            -k
            +K
            *** End Patch
            """, ["gone": "g\n", "kept": "k\n"])
        #expect(patch.files.map(\.operation) == [.create, .delete, .modify])
        #expect(patch.files.map(\.path) == ["new", "gone", "kept"])
    }
}
