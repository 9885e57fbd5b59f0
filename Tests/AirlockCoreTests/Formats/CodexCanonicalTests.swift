import Foundation
import Testing
@testable import AirlockCore

@Suite("Codex patches resolve to canonical hunks")
struct CodexCanonicalTests {
    /// A chunk with no trailing context in the middle of a file: as located it would, by
    /// git's rules, have to end the file; the canonical form carries three lines of
    /// context and applies through the real applier.
    @Test func chunkWithoutTrailingContextAppliesThroughTheApplier() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-codex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("ws"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = (1...10).map { "line \($0)\n" }.joined()
        try Data(original.utf8).write(to: dir.appendingPathComponent("ws/f.txt"))
        let codex = "*** Begin Patch\n*** Update File: f.txt\n@@\n line 4\n-line 5\n+line five\n*** End Patch\n"
        let reader = WorkspaceReader(root: dir.appendingPathComponent("ws").path)
        let patch = try CodexPatch.resolve(Array(codex.utf8), workspace: reader.closure)
        let hunk = try #require(patch.files.first?.hunks.first)
        #expect((hunk.oldStart, hunk.oldCount, hunk.newStart, hunk.newCount) == (2, 7, 2, 7))
        _ = try Applier(workspace: dir.appendingPathComponent("ws").path, journalDirectory: dir.appendingPathComponent("journal").path).apply(patch)
        let result = String(decoding: try Data(contentsOf: dir.appendingPathComponent("ws/f.txt")), as: UTF8.self)
        #expect(result == original.replacingOccurrences(of: "line 5\n", with: "line five\n"))
    }
}
