import Foundation
import Testing
@testable import AirlockCore

/// A diff's heading after `@@ … @@`, its similarity lines and its blob ids are the
/// agent's word: the canonical patch computes the heading from the workspace or drops it,
/// and keeps no similarity or blob id.
@Suite("What a diff merely claims stays out of the canonical patch")
struct AgentClaimsTests {
    static let file = "func realFunction() {\n    let a = 1\n    let b = 2\n    let c = 3\n    let d = 4\n}\n"

    static let hostile = """
        diff --git a/lib.swift b/lib.swift
        index 1111111..2222222 100644
        --- a/lib.swift
        +++ b/lib.swift
        @@ -3,3 +3,3 @@ func approveEverything()
             let b = 2
        -    let c = 3
        +    let c = 30
             let d = 4
        diff --git a/old.txt b/new.txt
        similarity index 100%
        dissimilarity index 0%
        rename from old.txt
        rename to new.txt
        index 3333333..4444444
        --- a/old.txt
        +++ b/new.txt
        @@ -1,2 +1,2 @@ fake heading
        -x
        -y
        +X
        +Y

        """

    static let workspace: WorkspaceContents = { path in
        ["lib.swift": Array(file.utf8), "old.txt": Array("x\ny\n".utf8)][path]
    }

    @Test func headingsAreComputedFromTheOldFile() throws {
        let patch = try PatchReader(workspace: Self.workspace).read(Array(Self.hostile.utf8), format: .git)
        let text = String(decoding: PatchRenderer.render(patch), as: UTF8.self)
        #expect(text.contains("@@ -3,3 +3,3 @@ func realFunction() {\n"))
        #expect(text.contains("@@ -1,2 +1,2 @@\n-x"))
        for claim in ["approveEverything", "fake heading", "similarity", "1111111", "2222222", "3333333", "4444444"] {
            #expect(!text.contains(claim), "\(claim) is still in\n\(text)")
        }
    }

    @Test func withoutTheWorkspaceHeadingsAreDropped() throws {
        let unified = "--- a/lib.swift\n+++ b/lib.swift\n@@ -3,2 +3,2 @@ func approveEverything()\n     let b = 2\n-    let c = 3\n+    let c = 30\n"
        for (input, format) in [(Self.hostile, PatchFormat.git), (unified, .unified)] {
            let patch = try PatchReader().read(Array(input.utf8), format: format)
            #expect(patch.files.allSatisfy { $0.hunks.allSatisfy(\.section.isEmpty) }, "\(format)")
            #expect(patch.files.allSatisfy { $0.similarity == nil && $0.dissimilarity == nil && $0.index == nil }, "\(format)")
        }
    }

    @Test func aHunkNotWhereItSaysGetsNoHeading() throws {
        let moved = Self.hostile.replacingOccurrences(of: "@@ -3,3 +3,3 @@", with: "@@ -2,3 +2,3 @@")
        let patch = try PatchReader(workspace: Self.workspace).read(Array(moved.utf8), format: .git)
        #expect(patch.files[0].hunks[0].section.isEmpty)
    }

    @Test func aBareInsertionGetsNoHeading() throws {
        let insertion = "diff --git a/lib.swift b/lib.swift\n--- a/lib.swift\n+++ b/lib.swift\n@@ -4,0 +5 @@\n+    let e = 5\n"
        let patch = try PatchReader(workspace: Self.workspace).read(Array(insertion.utf8), format: .git)
        #expect(patch.files[0].hunks[0].section.isEmpty, "a line of the file the agent never showed it knew")
    }

    @Test func theIndexLinesModeStaysForTheApplierToCheck() throws {
        let patch = try PatchReader(workspace: Self.workspace).read(Array(Self.hostile.utf8), format: .git)
        #expect(patch.files[0].oldMode == .regular && patch.files[0].newMode == .regular)
        #expect(patch.files[1].oldMode == nil && patch.files[1].newMode == nil)
        let again = try PatchReader.canonical(Bytes(PatchRenderer.render(patch)))
        #expect(again == patch, "the canonical text reads back as it is")
    }

    /// Computed headings are the ones git itself writes.
    @Test(.requiresGit, arguments: 0..<12)
    func computedHeadingsMatchGit(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        let old = RealGitDiffTests.randomText(&rng, crlf: seed % 4 == 0, finalNewline: true, lines: Int.random(in: 20...80, using: &rng))
        let new = DifferentialCase.mutate(DifferentialCase.mutate(old, &rng), &rng)
        guard old != new else { return }
        let dir = try PatchFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try PatchFixtures.write(old, to: "old/f", in: dir)
        try PatchFixtures.write(new, to: "new/f", in: dir)
        let diff = try PatchFixtures.run("git", ["diff", "--no-index", "-U1", "old/f", "new/f"], in: dir, ceiling: dir)
        var parser = DiffParser(diff.stdout, strip: 2)
        let gits = try parser.parse()
        let ours = try PatchReader(strip: 2, workspace: { $0 == "f" ? old : nil }).read(diff.stdout)
        #expect(ours.files[0].hunks.map(\.section) == gits.files[0].hunks.map(\.section), "seed \(seed)")
    }
}
