import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import AirlockCore

/// Scratch copies on real git repositories: what a slot holds, what a second preparation
/// copies again, what a command or a patch left in the slot, and that the workspace is
/// never written.
@Suite("Scratch copies", .requiresGit)
struct ScratchCopyTests {
    private static let empty = Patch(files: [])

    /// A repository with committed files, an uncommitted change, an untracked file, an
    /// ignored one, a deleted tracked one, a symlink and an executable.
    private func fixture() throws -> ScratchFixture {
        let f = try ScratchFixture()
        f.write(".gitignore", "*.log\nbuild/\n")
        f.write("src/main.py", "print('committed')\n")
        f.write("src/gone.py", "deleted in the workspace\n")
        f.write("run.sh", "#!/bin/sh\necho run\n", permissions: 0o755)
        f.symlink("link", to: "src/main.py")
        try f.commitAll()
        f.write("src/main.py", "print('uncommitted')\n")
        f.write("notes.txt", "untracked, not ignored\n")
        f.write("debug.log", "ignored\n")
        f.write("build/out.o", "ignored directory\n")
        f.remove("src/gone.py")
        f.settle()
        return f
    }

    @Test func holdsWhatTheWorkspaceHoldsNowAndNothingElse() throws {
        let f = try fixture()
        let slot = try ScratchPool(workspace: f.workspace).acquire()
        let directory = try slot.prepare(patch: Self.empty).path
        let files = ScratchFixture.files(directory)
        #expect(Set(files.keys) == [".gitignore", "src/main.py", "run.sh", "link", "notes.txt"])
        #expect(files["src/main.py"] == .file(Array("print('uncommitted')\n".utf8), permissions: 0o644))
        #expect(files["run.sh"] == .file(Array("#!/bin/sh\necho run\n".utf8), permissions: 0o755))
        #expect(files["link"] == .symlink("src/main.py"))
        #expect(directory.hasPrefix(f.workspace + "/.git/airlock/scratch/"))
        #expect(slot.lastCost.copied == 5)
    }

    @Test func neverHoldsTheStoreEvenWhenItIsNotIgnored() throws {
        let f = try fixture()
        try Data().write(to: URL(fileURLWithPath: f.workspace + "/.git/info/exclude"))
        f.settle()
        let directory = try ScratchPool(workspace: f.workspace).acquire().prepare(patch: Self.empty).path
        #expect(!FileManager.default.fileExists(atPath: directory + "/.airlock"))
        #expect(FileManager.default.fileExists(atPath: directory + "/notes.txt"))
    }

    @Test func aWorkspaceOutsideGitKeepsItsSlotsInTheStateDirectory() throws {
        let f = try ScratchFixture(git: false)
        f.write("a.txt", "a\n")
        f.write("deep/b.txt", "b\n")
        f.settle()
        let pool = ScratchPool(workspace: f.workspace)
        #expect(pool.git == nil)
        #expect(pool.directory == f.workspace + "/.airlock/scratch")
        let directory = try pool.acquire().prepare(patch: Self.empty).path
        #expect(Set(ScratchFixture.files(directory).keys) == ["a.txt", "deep/b.txt"])
        #expect(pool.hiddenPaths == [f.workspace])
    }

    // MARK: - reuse

    @Test func aSecondPreparationCopiesOnlyTheFileThatChanged() throws {
        let f = try fixture()
        for index in 0..<50 { f.write("many/\(index).txt", "file \(index)\n") }
        f.settle()
        let slot = try ScratchPool(workspace: f.workspace).acquire()
        try slot.prepare(patch: Self.empty)
        #expect(slot.lastCost.copied == 55)
        f.write("many/7.txt", "changed\n")
        f.settle()
        let directory = try slot.prepare(patch: Self.empty).path
        #expect(slot.lastCost.copied == 1)
        #expect(slot.lastCost.removed == 0)
        #expect(slot.lastCost.statted >= 110, "both sides of every file are looked at")
        #expect(ScratchFixture.files(directory)["many/7.txt"] == .file(Array("changed\n".utf8), permissions: 0o644))
        try slot.prepare(patch: Self.empty)
        #expect(slot.lastCost.copied == 0)
    }

    @Test func aFilePlantedInTheSlotIsRemoved() throws {
        let f = try fixture()
        let slot = try ScratchPool(workspace: f.workspace).acquire()
        let directory = try slot.prepare(patch: Self.empty).path
        try Data("import os\n".utf8).write(to: URL(fileURLWithPath: directory + "/conftest.py"))
        try FileManager.default.createDirectory(atPath: directory + "/src/planted/deeper", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/src/planted/deeper/x.py"))
        // A name that is not UTF-8, which no String can spell.
        let name: [CChar] = Array((directory + "/src/").utf8CString.dropLast()) + [CChar(bitPattern: 0xff), 0x2e, 0x70, 0x79, 0]
        let descriptor = open(name, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(descriptor >= 0)
        close(descriptor)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/src").count == 3)
        try slot.prepare(patch: Self.empty)
        #expect(Set(ScratchFixture.files(directory).keys) == [".gitignore", "src/main.py", "run.sh", "link", "notes.txt"])
        #expect(!FileManager.default.fileExists(atPath: directory + "/src/planted"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/src") == ["main.py"])
        #expect(slot.lastCost.copied == 0)
    }

    @Test func aFileChangedInTheSlotIsRestoredEvenWithItsOldTimes() throws {
        let f = try fixture()
        let slot = try ScratchPool(workspace: f.workspace).acquire()
        let directory = try slot.prepare(patch: Self.empty).path
        let path = directory + "/src/main.py"
        var before = stat()
        lstat(path, &before)
        // Same size, same inode, modification time put back: only the change time differs.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data("print('tampered!!!')\n".utf8))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW)
        chmod(directory + "/run.sh", 0o644)
        try slot.prepare(patch: Self.empty)
        #expect(slot.lastCost.copied == 2)
        let files = ScratchFixture.files(directory)
        #expect(files["src/main.py"] == .file(Array("print('uncommitted')\n".utf8), permissions: 0o644))
        #expect(files["run.sh"] == .file(Array("#!/bin/sh\necho run\n".utf8), permissions: 0o755))
    }

    @Test func aDirectoryReplacedByASymlinkIsNotFollowed() throws {
        let f = try fixture()
        let outside = f.base + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let slot = try ScratchPool(workspace: f.workspace).acquire()
        let directory = try slot.prepare(patch: Self.empty).path
        try FileManager.default.removeItem(atPath: directory + "/src")
        #expect(Glibc.symlink(outside, directory + "/src") == 0)
        f.write("src/main.py", "print('next')\n")
        f.settle()
        try slot.prepare(patch: Self.empty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
        #expect(ScratchFixture.files(directory)["src/main.py"] == .file(Array("print('next')\n".utf8), permissions: 0o644))
    }

    // MARK: - the patch

    @Test func aPatchThatCreatesDeletesAndRenamesIsAppliedToTheSlotOnly() throws {
        let f = try fixture()
        let workspaceBefore = ScratchFixture.tree(f.workspace)
        let patch = try scratchPatch("""
            diff --git a/new.txt b/new.txt
            new file mode 100644
            --- /dev/null
            +++ b/new.txt
            @@ -0,0 +1 @@
            +created
            diff --git a/notes.txt b/notes.txt
            deleted file mode 100644
            --- a/notes.txt
            +++ /dev/null
            @@ -1 +0,0 @@
            -untracked, not ignored
            diff --git a/run.sh b/bin/run.sh
            similarity index 100%
            rename from run.sh
            rename to bin/run.sh

            """)
        let slot = try ScratchPool(workspace: f.workspace).acquire()
        let directory = try slot.prepare(patch: patch).path
        let files = ScratchFixture.files(directory)
        #expect(Set(files.keys) == [".gitignore", "src/main.py", "bin/run.sh", "link", "new.txt"])
        #expect(files["bin/run.sh"] == .file(Array("#!/bin/sh\necho run\n".utf8), permissions: 0o755))
        #expect(files["new.txt"] == .file(Array("created\n".utf8), permissions: 0o644))

        // The next proposal starts from the workspace again: what the patch did is undone.
        try slot.prepare(patch: Self.empty)
        #expect(Set(ScratchFixture.files(directory).keys) == [".gitignore", "src/main.py", "run.sh", "link", "notes.txt"])
        #expect(slot.lastCost.copied == 2, "notes.txt and run.sh are back")
        #expect(slot.lastCost.removed >= 2, "new.txt and bin/ are gone")
        // The slots live in the repository's git directory; nothing else changed.
        let workspaceAfter = ScratchFixture.tree(f.workspace).filter { !$0.key.hasPrefix(".git/airlock") }
        let difference = Sandbox.difference(workspaceBefore, workspaceAfter)
        #expect(difference.isEmpty, "the workspace changed:\n\(difference)")
    }

    @Test func aPatchThatDoesNotFitIsRefused() throws {
        let f = try fixture()
        let patch = try scratchPatch("""
            diff --git a/src/main.py b/src/main.py
            --- a/src/main.py
            +++ b/src/main.py
            @@ -1 +1 @@
            -print('something else')
            +print('patched')

            """)
        let slot = try ScratchPool(workspace: f.workspace).acquire()
        #expect(throws: ApplyRefusal.self) { try slot.prepare(patch: patch) }
    }

    // MARK: - slots

    @Test func twoRunnersNeverShareASlot() throws {
        let f = try fixture()
        let pool = ScratchPool(workspace: f.workspace, slotLimit: 2)
        let first = try pool.acquire()
        let second = try pool.acquire()
        #expect(first.index != second.index)
        #expect(throws: ScratchError.allSlotsBusy(2)) { try pool.acquire(wait: false) }
        first.release()
        let third = try pool.acquire(wait: false)
        #expect(third.index == first.index)
    }
}
