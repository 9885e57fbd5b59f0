import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import AirlockCore

/// A symlink swapped in after validation, while the application runs, must not redirect
/// any write: every step reaches its file through directory descriptors opened with
/// O_NOFOLLOW. The fault-injection hook performs the swap at a chosen step.
@Suite("Symlinks swapped in mid-application")
struct SymlinkRaceTests {
    private let patch = """
        diff --git a/dir/file.txt b/dir/file.txt
        --- a/dir/file.txt
        +++ b/dir/file.txt
        @@ -1 +1 @@
        -old
        +new

        """

    /// Moves `dir` aside and puts a symlink to `outside/` in its place.
    private static func swap(in sandbox: Sandbox) {
        rename(sandbox.absolute("dir"), sandbox.absolute("dir.moved"))
        sandbox.symlink("dir", to: sandbox.outside)
    }

    private func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.write("dir/file.txt", "old\n")
        sandbox.write(sandbox.outside + "/file.txt", "outside\n")
        return sandbox
    }

    @Test("a swap before staging fails the application and rolls it back")
    func swapBeforeStaging() throws {
        let sandbox = try sandbox()
        let outsideBefore = Sandbox.snapshot(of: sandbox.outside)
        var applier = sandbox.applier()
        let base = sandbox.base
        applier.onStep = { step in
            // Step 3 writes the staged file next to `dir/file.txt`.
            if step == 3 { Self.swap(in: Sandbox.existing(base)) }
        }
        do {
            try applier.apply(try parsePatch(patch))
            Issue.record("applied through a swapped-in symlink")
        } catch let error as FileSystemError {
            #expect(error.errno == ELOOP || error.errno == ENOTDIR, "\(error)")
            #expect(!error.pendingRecovery)
        }
        #expect(Sandbox.difference(outsideBefore, Sandbox.snapshot(of: sandbox.outside)).isEmpty)
        #expect(sandbox.text("dir.moved/file.txt") == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.journal) == [])
    }

    @Test("a swap before the rename leaves the journal for recovery, which refuses to follow it")
    func swapBeforeRename() throws {
        let sandbox = try sandbox()
        let outsideBefore = Sandbox.snapshot(of: sandbox.outside)
        var applier = sandbox.applier()
        let base = sandbox.base
        // 1–2 journal, 3 staged file, 4–5 committed journal, 6 the rename.
        applier.onStep = { step in
            if step == 6 { Self.swap(in: Sandbox.existing(base)) }
        }
        do {
            try applier.apply(try parsePatch(patch))
            Issue.record("applied through a swapped-in symlink")
        } catch let error as FileSystemError {
            #expect(error.pendingRecovery, "\(error)")
        }
        #expect(throws: FileSystemError.self) {
            try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal)
        }
        #expect(Sandbox.difference(outsideBefore, Sandbox.snapshot(of: sandbox.outside)).isEmpty)

        // Once a person puts the directory back, recovery finishes the job.
        unlink(sandbox.absolute("dir"))
        rename(sandbox.absolute("dir.moved"), sandbox.absolute("dir"))
        #expect(try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal) != nil)
        #expect(sandbox.text("dir/file.txt") == "new\n")
        #expect(Sandbox.difference(outsideBefore, Sandbox.snapshot(of: sandbox.outside)).isEmpty)
    }

    @Test("a symlink put where a new directory is about to be made is not used")
    func swapBeforeMakingDirectory() throws {
        let sandbox = try sandbox()
        let outsideBefore = Sandbox.snapshot(of: sandbox.outside)
        var applier = sandbox.applier()
        let base = sandbox.base
        // Step 3 makes `fresh/`.
        applier.onStep = { step in
            if step == 3 { Sandbox.existing(base).symlink("fresh", to: base + "/outside") }
        }
        #expect(throws: FileSystemError.self) {
            try applier.apply(try parsePatch("--- /dev/null\n+++ b/fresh/x.txt\n@@ -0,0 +1 @@\n+x\n"))
        }
        #expect(Sandbox.difference(outsideBefore, Sandbox.snapshot(of: sandbox.outside)).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.journal) == [])
    }

    @Test("a modified file that is a hard link to a file outside is replaced, not written through")
    func hardLink() throws {
        let sandbox = try sandbox()
        unlink(sandbox.absolute("dir/file.txt"))
        sandbox.write(sandbox.outside + "/file.txt", "old\n")
        link(sandbox.outside + "/file.txt", sandbox.absolute("dir/file.txt"))
        try sandbox.applier().apply(try parsePatch(patch))
        #expect(sandbox.text("dir/file.txt") == "new\n")
        #expect(sandbox.text(sandbox.outside + "/file.txt") == "old\n")
    }
}
