import Testing
@testable import AirlockCore

/// Codex accepts marker lines with white space around them; the end marker too, when it
/// is the last line. Inside a chunk, ` *** End Patch` is otherwise a context line.
@Suite("CodexPatch: a padded `*** End Patch`")
struct CodexEndMarkerTests {
    private func resolve(_ text: String, _ files: [String: String]) throws -> Patch {
        try CodexPatch.resolve(bytes(text), workspace: memoryWorkspace(files))
    }

    private func newContent(_ text: String, of old: String) throws -> [UInt8] {
        let patch = try resolve(text, ["f": old])
        return try TestApplier.apply(try #require(patch.files.first).hunks, to: bytes(old))
    }

    @Test func paddedEndMarkerAsTheLastLineEndsThePatch() throws {
        for marker in [" *** End Patch", "  *** End Patch  ", "\t*** End Patch", " *** End Patch\r"] {
            for ending in ["", "\n", "\n\n  \n"] {
                let text = "*** Begin Patch\n*** Update File: f\n@@\n a\n-b\n+B\n\(marker)\(ending)"
                #expect(try newContent(text, of: "a\nb\nc\n") == bytes("a\nB\nc\n"), "\(marker.debugDescription)\(ending.debugDescription)")
            }
        }
    }

    @Test func paddedEndMarkerAfterAddAndDeleteAndMove() throws {
        let added = try resolve("*** Begin Patch\n*** Add File: g\n+x\n *** End Patch\n", [:])
        #expect(added.files.map(\.operation) == [.create])
        let deleted = try resolve("*** Begin Patch\n*** Delete File: f\n *** End Patch", ["f": "x\n"])
        #expect(deleted.files.map(\.operation) == [.delete])
        let moved = try resolve("*** Begin Patch\n*** Update File: f\n*** Move to: g\n *** End Patch\n", ["f": "x\n"])
        #expect(moved.files.map(\.operation) == [.rename])
    }

    @Test func paddedEndMarkerBeforeTheLastLineStaysContext() throws {
        // The file really has a line `*** End Patch`; the chunk keeps it as context.
        let text = "*** Begin Patch\n*** Update File: f\n@@\n a\n *** End Patch\n-b\n+B\n*** End Patch\n"
        #expect(try newContent(text, of: "a\n*** End Patch\nb\n") == bytes("a\n*** End Patch\nB\n"))
    }

    @Test func paddedEndMarkerFollowedByMoreTextIsNotTheEnd() {
        let text = "*** Begin Patch\n*** Update File: f\n@@\n a\n-b\n+B\n *** End Patch\nEOF\n"
        #expect(throws: PatchFormatError.self) { try resolve(text, ["f": "a\nb\n"]) }
    }
}
