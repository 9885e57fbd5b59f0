import Foundation
import Testing
@testable import AirlockCore

/// Every model writes LF. On a file whose line breaks are all CRLF, the formats located by
/// content match the agent's lines against the file's lines without their CR and write
/// what they add with CRLF; the canonical patch holds the real bytes.
@Suite("Formats located by content on CRLF files")
struct CRLFTests {
    private static let crlfFile = "one\r\ntwo\r\nthree\r\n"

    /// The canonical patch, rendered as the reviewer sees it, parsed back as a git diff
    /// and applied through the real applier: the file it gives.
    private func appliedThroughGitDiff(_ patch: Patch, path: String, old: String) throws -> [UInt8]? {
        let sandbox = try Sandbox()
        sandbox.write(path, old)
        let text = PatchRenderer.render(patch)
        var parser = DiffParser(Array(text), strip: 1)
        try sandbox.applier().apply(try parser.parse())
        return sandbox.bytes(path)
    }

    private func resolveCodex(_ text: String, _ files: [String: String]) throws -> Patch {
        try CodexPatch.resolve(bytes(text), workspace: memoryWorkspace(files))
    }

    private func failure(_ body: () throws -> Patch) -> PatchFormatError? {
        do {
            _ = try body()
            Issue.record("not refused")
        } catch let error as PatchFormatError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    // MARK: - Codex

    @Test func codexUpdateOfACRLFFileWritesCRLF() throws {
        let codex = "*** Begin Patch\n*** Update File: f.txt\n@@ one\n two\n-three\n+THREE\n+four\n*** End Patch\n"
        let patch = try resolveCodex(codex, ["f.txt": Self.crlfFile])
        let file = try #require(patch.files.first)
        #expect(file.hunks.flatMap(\.lines).allSatisfy { $0.text.last != 10 || $0.text.dropLast().last == 13 })
        let expected = bytes("one\r\ntwo\r\nTHREE\r\nfour\r\n")
        #expect(try TestApplier.apply(file.hunks, to: bytes(Self.crlfFile)) == expected)
        #expect(try appliedThroughGitDiff(patch, path: "f.txt", old: Self.crlfFile) == expected)
        // The canonical text the reviewer approves (and its digest) holds the real bytes.
        #expect(String(decoding: PatchRenderer.render(patch), as: UTF8.self).contains(" two\r\n-three\r\n+THREE\r\n+four\r\n"))
    }

    @Test func codexChunkWithCRLFLinesStillMatches() throws {
        let codex = "*** Begin Patch\r\n*** Update File: f\r\n@@\r\n one\r\n-two\r\n+TWO\r\n*** End Patch\r\n"
        let patch = try resolveCodex(codex, ["f": Self.crlfFile])
        #expect(try TestApplier.apply(try #require(patch.files.first).hunks, to: bytes(Self.crlfFile)) == bytes("one\r\nTWO\r\nthree\r\n"))
    }

    @Test func codexOnACRLFFileWithoutFinalNewline() throws {
        let old = "one\r\ntwo"
        let patch = try resolveCodex("*** Begin Patch\n*** Update File: f\n@@\n one\n-two\n+TWO\n+three\n*** End Patch\n", ["f": old])
        let expected = bytes("one\r\nTWO\r\nthree")
        #expect(try TestApplier.apply(try #require(patch.files.first).hunks, to: bytes(old)) == expected)
        #expect(try appliedThroughGitDiff(patch, path: "f", old: old) == expected)
    }

    @Test func codexOnAnLFFileIsUnchanged() throws {
        let patch = try resolveCodex("*** Begin Patch\n*** Update File: f\n@@\n one\n-two\n+TWO\n*** End Patch\n", ["f": "one\ntwo\nthree\n"])
        #expect(try TestApplier.apply(try #require(patch.files.first).hunks, to: bytes("one\ntwo\nthree\n")) == bytes("one\nTWO\nthree\n"))
    }

    @Test func codexOnAFileWithoutLineBreaks() throws {
        let patch = try resolveCodex("*** Begin Patch\n*** Update File: f\n@@\n-one\n+uno\n+dos\n*** End Patch\n", ["f": "one"])
        #expect(try TestApplier.apply(try #require(patch.files.first).hunks, to: bytes("one")) == bytes("uno\ndos"))
    }

    @Test func codexOnMixedEndingsSaysTheyAreMixed() {
        let error = failure { try resolveCodex("*** Begin Patch\n*** Update File: src/m.txt\n@@\n one\n-two\n+TWO\n*** End Patch\n", ["src/m.txt": "one\r\ntwo\nthree\r\n"]) }
        #expect(error?.path == "src/m.txt")
        #expect(error?.cause == .workspace)
        #expect(error?.description.hasPrefix("line 3: src/m.txt: chunk 1 not found in the file") == true)
        #expect(error?.message.hasSuffix("the file's line endings are mixed (2 CRLF, 1 LF), so its lines are matched exactly, CR included; give the file one kind of line ending first") == true)
    }

    @Test func codexExactMatchOnAMixedFileStillApplies() throws {
        // The LF lines of a mixed file match LF text exactly, as before.
        let old = "one\r\ntwo\nthree\n"
        let patch = try resolveCodex("*** Begin Patch\n*** Update File: f\n@@\n-two\n+TWO\n three\n*** End Patch\n", ["f": old])
        #expect(try TestApplier.apply(try #require(patch.files.first).hunks, to: bytes(old)) == bytes("one\r\nTWO\nthree\n"))
    }

    // MARK: - Aider

    @Test func aiderBlockOnACRLFFile() throws {
        let blocks = "f.py\n<<<<<<< SEARCH\ntwo\nthree\n=======\n2\n3\n>>>>>>> REPLACE\n"
        let patch = try AiderBlocks.resolve(bytes(blocks), workspace: memoryWorkspace(["f.py": Self.crlfFile]))
        let expected = bytes("one\r\n2\r\n3\r\n")
        #expect(try TestApplier.apply(patch, to: ["f.py": bytes(Self.crlfFile)])["f.py"] == expected)
        #expect(try appliedThroughGitDiff(patch, path: "f.py", old: Self.crlfFile) == expected)
    }

    @Test func aiderBlockOnMixedEndingsSaysTheyAreMixed() {
        let blocks = "f.py\n<<<<<<< SEARCH\none\ntwo\n=======\n1\n>>>>>>> REPLACE\n"
        let error = failure { try AiderBlocks.resolve(bytes(blocks), workspace: memoryWorkspace(["f.py": "one\r\ntwo\nthree\r\n"])) }
        #expect(error?.description.hasPrefix("line 2: f.py: block 1: SEARCH text not found") == true)
        #expect(error?.message.contains("line endings are mixed (2 CRLF, 1 LF)") == true)
    }

    // MARK: - edits and writes

    @Test func editOnACRLFFileWritesCRLF() throws {
        let request = EditRequest(edits: [Edit(path: "f", old: "two\nthree", new: "2\n2.5\n3")])
        let patch = try request.resolve(workspace: memoryWorkspace(["f": Self.crlfFile]))
        #expect(try TestApplier.apply(patch, to: ["f": bytes(Self.crlfFile)])["f"] == bytes("one\r\n2\r\n2.5\r\n3\r\n"))
    }

    @Test func editWhoseOldTextHasCRLFStillMatchesExactly() throws {
        let request = EditRequest(edits: [Edit(path: "f", old: "one\r\ntwo\r\n", new: "1\r\n")])
        let patch = try request.resolve(workspace: memoryWorkspace(["f": Self.crlfFile]))
        #expect(try TestApplier.apply(patch, to: ["f": bytes(Self.crlfFile)])["f"] == bytes("1\r\nthree\r\n"))
    }

    @Test func editOnACRLFFileIsAsUnambiguousAsBefore() {
        let error = failure { try EditRequest(edits: [Edit(path: "f", old: "x\n", new: "y\n")]).resolve(workspace: memoryWorkspace(["f": "x\r\nx\r\n"])) }
        #expect(error?.message == "edits[0]: `old` occurs 2 times (at lines 1, 2); add surrounding text to make it unique, or set `replaceAll`")
    }

    @Test func editOnMixedEndingsSaysTheyAreMixed() {
        let error = failure { try EditRequest(edits: [Edit(path: "m", old: "one\ntwo\n", new: "")]).resolve(workspace: memoryWorkspace(["m": "one\r\ntwo\n"])) }
        #expect(error?.path == "m")
        #expect(error?.message.hasPrefix("edits[0]: `old` not found (its first line is `one`); the file's line endings are mixed (1 CRLF, 1 LF)") == true)
    }

    @Test func editOnAFileWithoutLineBreaksIsUnchanged() throws {
        let patch = try EditRequest(edits: [Edit(path: "f", old: "abc", new: "a\nc")]).resolve(workspace: memoryWorkspace(["f": "abc"]))
        #expect(try TestApplier.apply(patch, to: ["f": bytes("abc")])["f"] == bytes("a\nc"))
    }

    @Test func wholeFileWriteKeepsTheAgentsBytes() throws {
        let patch = try EditRequest(writes: [FileWrite(path: "f", content: "new\ncontent\n")]).resolve(workspace: memoryWorkspace(["f": Self.crlfFile]))
        #expect(try TestApplier.apply(patch, to: ["f": bytes(Self.crlfFile)])["f"] == bytes("new\ncontent\n"))
    }
}
