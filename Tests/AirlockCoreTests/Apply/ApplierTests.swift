import Foundation
import Testing
@testable import AirlockCore

@Suite("Applier")
struct ApplierTests {
    /// The refusal `body` throws, or nil (with a recorded issue) when it does not refuse.
    private func refusal(_ body: () throws -> ApplyReport, sourceLocation: SourceLocation = #_sourceLocation) -> ApplyRefusal? {
        do {
            _ = try body()
            Issue.record("the patch was not refused", sourceLocation: sourceLocation)
        } catch let refusal as ApplyRefusal {
            return refusal
        } catch {
            Issue.record("expected a refusal, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    // MARK: - modify and create

    @Test("modifies a file in place, keeping its permissions, and reports both digests")
    func modify() throws {
        let sandbox = try Sandbox()
        sandbox.write("src/a.txt", "one\ntwo\nthree\n", permissions: 0o600)
        let report = try sandbox.applier().apply(try parsePatch("""
            diff --git a/src/a.txt b/src/a.txt
            index 1111111..2222222 100644
            --- a/src/a.txt
            +++ b/src/a.txt
            @@ -1,3 +1,3 @@
             one
            -two
            +TWO
             three

            """))
        #expect(sandbox.text("src/a.txt") == "one\nTWO\nthree\n")
        #expect(sandbox.permissions("src/a.txt") == 0o600)
        #expect(report.files == [AppliedFile(
            operation: .modify, oldPath: "src/a.txt", newPath: "src/a.txt",
            oldSHA256: "b6285c57e8797db5d4c51c80d6f11938afda9b11c6a003549709189e9b4b92a2",
            newSHA256: "b2ef07f1e2b1b58edd8a1b35c5472177f5f1fa1ff74cad1c04cc776029511139",
            offsets: [0]
        )])
        // Nothing is left behind: no staged file, no journal.
        #expect(Set(Sandbox.snapshot(of: sandbox.workspace).keys) == ["", ".airlock", ".airlock/journal", "src", "src/a.txt"])
    }

    @Test("reports the offset each hunk applied at")
    func offsets() throws {
        let sandbox = try Sandbox()
        sandbox.write("f.txt", (1...30).map { "l\($0)\n" }.joined())
        let report = try sandbox.applier().apply(try parsePatch("""
            --- a/f.txt
            +++ b/f.txt
            @@ -8,3 +8,3 @@
             l5
            -l6
            +L6
             l7
            @@ -20,3 +20,3 @@
             l24
            -l25
            +L25
             l26

            """))
        #expect(report.files.first?.offsets == [-3, 4])
        #expect(sandbox.text("f.txt")?.contains("L6\nl7") == true)
        #expect(sandbox.text("f.txt")?.contains("L25\nl26") == true)
    }

    @Test("creates files in new nested directories with the modes git names")
    func create() throws {
        let sandbox = try Sandbox()
        let report = try sandbox.applier().apply(try parsePatch("""
            diff --git a/new/deep/dir/file.txt b/new/deep/dir/file.txt
            new file mode 100644
            index 0000000..1111111
            --- /dev/null
            +++ b/new/deep/dir/file.txt
            @@ -0,0 +1,2 @@
            +hello
            +world
            diff --git a/new/run.sh b/new/run.sh
            new file mode 100755
            index 0000000..2222222
            --- /dev/null
            +++ b/new/run.sh
            @@ -0,0 +1 @@
            +#!/bin/sh
            diff --git a/empty b/empty
            new file mode 100644
            index 0000000..e69de29

            """))
        #expect(sandbox.text("new/deep/dir/file.txt") == "hello\nworld\n")
        #expect(sandbox.permissions("new/deep/dir/file.txt") == 0o644)
        #expect(sandbox.permissions("new/run.sh") == 0o755)
        #expect(sandbox.text("empty") == "")
        #expect(report.files.map(\.operation) == [.create, .create, .create])
        #expect(report.files.allSatisfy { $0.oldSHA256 == nil && $0.newSHA256?.count == 64 })
        #expect(report.files[2].newSHA256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    // MARK: - delete

    @Test("deletes files and removes the directories they leave empty")
    func delete() throws {
        let sandbox = try Sandbox()
        sandbox.write("gone/inner/x.txt", "x\n")
        sandbox.write("kept/y.txt", "y\n")
        sandbox.write("kept/z.txt", "z\n")
        let report = try sandbox.applier().apply(try parsePatch("""
            diff --git a/gone/inner/x.txt b/gone/inner/x.txt
            deleted file mode 100644
            --- a/gone/inner/x.txt
            +++ /dev/null
            @@ -1 +0,0 @@
            -x
            diff --git a/kept/y.txt b/kept/y.txt
            deleted file mode 100644
            --- a/kept/y.txt
            +++ /dev/null
            @@ -1 +0,0 @@
            -y

            """))
        #expect(!sandbox.exists("gone"))
        #expect(!sandbox.exists("kept/y.txt"))
        #expect(sandbox.text("kept/z.txt") == "z\n")
        #expect(report.files.map(\.newSHA256) == [nil, nil])
        #expect(report.files.allSatisfy { $0.oldSHA256 != nil })
    }

    // MARK: - rename and copy

    @Test("renames without edits, keeping content and permissions and pruning the old directory")
    func pureRename() throws {
        let sandbox = try Sandbox()
        sandbox.write("old/name.txt", "content\n", permissions: 0o640)
        let report = try sandbox.applier().apply(try parsePatch("""
            diff --git a/old/name.txt b/new/place/name.txt
            similarity index 100%
            rename from old/name.txt
            rename to new/place/name.txt

            """))
        #expect(!sandbox.exists("old"))
        #expect(sandbox.text("new/place/name.txt") == "content\n")
        #expect(sandbox.permissions("new/place/name.txt") == 0o640)
        let file = try #require(report.files.first)
        #expect(file.operation == .rename && file.oldPath == "old/name.txt" && file.newPath == "new/place/name.txt")
        #expect(file.oldSHA256 == file.newSHA256)
    }

    @Test("renames with edits")
    func renameWithEdits() throws {
        let sandbox = try Sandbox()
        sandbox.write("a.txt", "1\n2\n3\n")
        try sandbox.applier().apply(try parsePatch("""
            diff --git a/a.txt b/b.txt
            similarity index 60%
            rename from a.txt
            rename to b.txt
            --- a/a.txt
            +++ b/b.txt
            @@ -1,3 +1,3 @@
             1
            -2
            +two
             3

            """))
        #expect(!sandbox.exists("a.txt"))
        #expect(sandbox.text("b.txt") == "1\ntwo\n3\n")
    }

    @Test("copies from the original content even when the source is also modified")
    func copy() throws {
        let sandbox = try Sandbox()
        sandbox.write("a.txt", "1\n2\n3\n", permissions: 0o755)
        let report = try sandbox.applier().apply(try parsePatch("""
            diff --git a/a.txt b/a.txt
            --- a/a.txt
            +++ b/a.txt
            @@ -1,3 +1,3 @@
            -1
            +one
             2
             3
            diff --git a/a.txt b/c.txt
            similarity index 70%
            copy from a.txt
            copy to c.txt
            --- a/a.txt
            +++ b/c.txt
            @@ -1,3 +1,3 @@
             1
             2
            -3
            +three

            """))
        #expect(sandbox.text("a.txt") == "one\n2\n3\n")
        #expect(sandbox.text("c.txt") == "1\n2\nthree\n")
        #expect(sandbox.permissions("c.txt") == 0o755)
        #expect(report.files.map(\.operation) == [.modify, .copy])
        #expect(report.files[0].oldSHA256 == report.files[1].oldSHA256)
    }

    @Test("swaps two files by renaming each onto the other")
    func swap() throws {
        let sandbox = try Sandbox()
        sandbox.write("a", "A\n")
        sandbox.write("b", "B\n")
        try sandbox.applier().apply(try parsePatch("""
            diff --git a/a b/b
            similarity index 100%
            rename from a
            rename to b
            diff --git a/b b/a
            similarity index 100%
            rename from b
            rename to a

            """))
        #expect(sandbox.text("a") == "B\n")
        #expect(sandbox.text("b") == "A\n")
    }

    // MARK: - modes

    @Test("changes the executable bit both ways and keeps the other permission bits")
    func modes() throws {
        let sandbox = try Sandbox()
        sandbox.write("run.sh", "echo\n", permissions: 0o640)
        sandbox.write("tool", "bin\n", permissions: 0o755)
        try sandbox.applier().apply(try parsePatch("""
            diff --git a/run.sh b/run.sh
            old mode 100644
            new mode 100755
            diff --git a/tool b/tool
            old mode 100755
            new mode 100644

            """))
        #expect(sandbox.permissions("run.sh") == 0o750)
        #expect(sandbox.permissions("tool") == 0o644)
        #expect(sandbox.text("run.sh") == "echo\n")
    }

    // MARK: - bytes

    @Test("preserves CRLF line ends and a missing final newline")
    func crlfAndFinalNewline() throws {
        let sandbox = try Sandbox()
        sandbox.write("dos.txt", "x\r\ny\r\nz")
        sandbox.write("plain.txt", "a\nb")
        try sandbox.applier().apply(try parsePatch(
            "diff --git a/dos.txt b/dos.txt\n--- a/dos.txt\n+++ b/dos.txt\n@@ -1,3 +1,3 @@\n x\r\n-y\r\n+Y\r\n z\n\\ No newline at end of file\n"
            + "diff --git a/plain.txt b/plain.txt\n--- a/plain.txt\n+++ b/plain.txt\n@@ -1,2 +1,2 @@\n-a\n+A\n b\n\\ No newline at end of file\n"
        ))
        #expect(sandbox.bytes("dos.txt") == Array("x\r\nY\r\nz".utf8))
        #expect(sandbox.bytes("plain.txt") == Array("A\nb".utf8))
    }

    // MARK: - type changes

    @Test("replaces a file with a directory and a directory with a file, as git does")
    func fileAndDirectorySwapPlaces() throws {
        let sandbox = try Sandbox()
        sandbox.write("thing", "was a file\n")
        sandbox.write("box/one", "1\n")
        sandbox.write("box/sub/two", "2\n")
        try sandbox.applier().apply(try parsePatch("""
            diff --git a/thing b/thing
            deleted file mode 100644
            --- a/thing
            +++ /dev/null
            @@ -1 +0,0 @@
            -was a file
            diff --git a/thing/inside.txt b/thing/inside.txt
            new file mode 100644
            --- /dev/null
            +++ b/thing/inside.txt
            @@ -0,0 +1 @@
            +now a directory
            diff --git a/box/one b/box/one
            deleted file mode 100644
            --- a/box/one
            +++ /dev/null
            @@ -1 +0,0 @@
            -1
            diff --git a/box/sub/two b/box/sub/two
            deleted file mode 100644
            --- a/box/sub/two
            +++ /dev/null
            @@ -1 +0,0 @@
            -2
            diff --git a/box b/box
            new file mode 100755
            --- /dev/null
            +++ b/box
            @@ -0,0 +1 @@
            +now a file

            """))
        #expect(sandbox.text("thing/inside.txt") == "now a directory\n")
        #expect(sandbox.text("box") == "now a file\n")
        #expect(sandbox.permissions("box") == 0o755)
    }

    @Test("a deletion and a creation of one path replace the file")
    func replace() throws {
        let sandbox = try Sandbox()
        sandbox.write("f", "old\n")
        try sandbox.applier().apply(try parsePatch("""
            diff --git a/f b/f
            deleted file mode 100644
            --- a/f
            +++ /dev/null
            @@ -1 +0,0 @@
            -old
            diff --git a/f b/f
            new file mode 100755
            --- /dev/null
            +++ b/f
            @@ -0,0 +1 @@
            +new

            """))
        #expect(sandbox.text("f") == "new\n")
        #expect(sandbox.permissions("f") == 0o755)
    }

    // MARK: - symlinks and gitlinks when allowed

    @Test("with allowSymlinks, creates, retargets and deletes symlinks without following them")
    func allowedSymlinks() throws {
        let sandbox = try Sandbox()
        sandbox.symlink("old-link", to: "somewhere")
        sandbox.symlink("gone-link", to: "elsewhere")
        try sandbox.applier(ApplyOptions(allowSymlinks: true)).apply(try parsePatch("""
            diff --git a/docs/link b/docs/link
            new file mode 120000
            --- /dev/null
            +++ b/docs/link
            @@ -0,0 +1 @@
            +../README.md
            \\ No newline at end of file
            diff --git a/old-link b/old-link
            index 1111111..2222222 120000
            --- a/old-link
            +++ b/old-link
            @@ -1 +1 @@
            -somewhere
            \\ No newline at end of file
            +somewhere-else
            \\ No newline at end of file
            diff --git a/gone-link b/gone-link
            deleted file mode 120000
            --- a/gone-link
            +++ /dev/null
            @@ -1 +0,0 @@
            -elsewhere
            \\ No newline at end of file

            """))
        let nodes = sandbox.workspaceSnapshot()
        #expect(nodes["docs/link"] == .symlink("../README.md"))
        #expect(nodes["old-link"] == .symlink("somewhere-else"))
        #expect(nodes["gone-link"] == nil)
    }

    @Test("with allowGitlinks, a submodule entry is reported and the workspace is not touched")
    func allowedGitlinks() throws {
        let sandbox = try Sandbox()
        let before = sandbox.snapshot()
        let report = try sandbox.applier(ApplyOptions(allowGitlinks: true)).apply(try parsePatch("""
            diff --git a/vendor/lib b/vendor/lib
            index 1111111..2222222 160000
            --- a/vendor/lib
            +++ b/vendor/lib
            @@ -1 +1 @@
            -Subproject commit 1111111111111111111111111111111111111111
            +Subproject commit 2222222222222222222222222222222222222222

            """))
        #expect(Sandbox.difference(before, sandbox.snapshot()).isEmpty)
        #expect(report.files == [AppliedFile(operation: .modify, oldPath: "vendor/lib", newPath: "vendor/lib", oldSHA256: nil, newSHA256: nil, offsets: [])])
    }

    // MARK: - dry run and refusals

    @Test("check() writes nothing and returns what apply() will")
    func checkIsDry() throws {
        let sandbox = try Sandbox()
        sandbox.write("a.txt", "1\n2\n3\n")
        let patch = try parsePatch("""
            diff --git a/a.txt b/d/a.txt
            similarity index 60%
            rename from a.txt
            rename to d/a.txt
            --- a/a.txt
            +++ b/d/a.txt
            @@ -1,3 +1,3 @@
             1
            -2
            +two
             3

            """)
        let before = sandbox.snapshot()
        let checked = try sandbox.applier().check(patch)
        #expect(Sandbox.difference(before, sandbox.snapshot()).isEmpty)
        let applied = try sandbox.applier().apply(patch)
        #expect(checked == applied)
        #expect(sandbox.text("d/a.txt") == "1\ntwo\n3\n")
    }

    @Test("collects every problem, not just the first")
    func allProblems() throws {
        let sandbox = try Sandbox()
        sandbox.write("exists.txt", "x\n")
        sandbox.write("a.txt", "a\n")
        let patch = try parsePatch("""
            diff --git a/exists.txt b/exists.txt
            new file mode 100644
            --- /dev/null
            +++ b/exists.txt
            @@ -0,0 +1 @@
            +again
            diff --git a/missing.txt b/missing.txt
            --- a/missing.txt
            +++ b/missing.txt
            @@ -1 +1 @@
            -a
            +b
            diff --git a/a.txt b/a.txt
            --- a/a.txt
            +++ b/a.txt
            @@ -1 +1 @@
            -not a
            +b
            diff --git a/.git/config b/.git/config
            --- a/.git/config
            +++ b/.git/config
            @@ -1 +1 @@
            -a
            +b

            """)
        let refusal = try #require(refusal { try sandbox.applier().check(patch) })
        let messages = refusal.problems.map(\.message)
        #expect(messages.count == 4, "\(messages)")
        #expect(messages.contains { $0.contains("already exists") })
        #expect(messages.contains { $0.contains("no such file") })
        #expect(messages.contains { $0.contains("does not match") })
        #expect(messages.contains { $0.contains("`.git`") })
        #expect(refusal.description.hasPrefix("patch refused (4 problems):"))
    }

    @Test("refuses the size limits from the options")
    func sizeLimits() throws {
        let sandbox = try Sandbox()
        let patch = try parsePatch("""
            diff --git a/a b/a
            new file mode 100644
            --- /dev/null
            +++ b/a
            @@ -0,0 +1 @@
            +0123456789
            diff --git a/b b/b
            new file mode 100644
            --- /dev/null
            +++ b/b
            @@ -0,0 +1 @@
            +0123456789

            """)
        let total = try #require(refusal { try sandbox.applier(ApplyOptions(maxTotalBytes: 21)).apply(patch) })
        #expect(total.problems.map(\.message) == ["the patch writes 22 bytes in total, over the limit of 21 bytes (ApplyOptions.maxTotalBytes)"])
        _ = try sandbox.applier(ApplyOptions(maxFileBytes: 11, maxTotalBytes: 22)).check(patch)
    }

    // MARK: - journal

    @Test("creates a missing journal directory and leaves it empty")
    func createsJournalDirectory() throws {
        let sandbox = try Sandbox()
        let journal = sandbox.base + "/state/journal"
        let applier = Applier(workspace: sandbox.workspace, journalDirectory: journal)
        try applier.apply(try parsePatch("--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1 @@\n+n\n"))
        #expect(sandbox.text("n.txt") == "n\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: journal) == [])
        #expect(try Applier.recover(workspace: sandbox.workspace, journalDirectory: journal) == nil)
        #expect(try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.base + "/never") == nil)
        #expect(!FileManager.default.fileExists(atPath: sandbox.base + "/never"))
    }

    @Test("refuses a journal directory that a patch could write")
    func journalInsideWorkspace() throws {
        let sandbox = try Sandbox()
        sandbox.write("journal/keep", "")
        let applier = Applier(workspace: sandbox.workspace, journalDirectory: sandbox.workspace + "/journal")
        let refusal = try #require(refusal { try applier.apply(try parsePatch("--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1 @@\n+n\n")) })
        #expect(refusal.problems.first?.message.contains("inside the workspace where a patch could write") == true)
        #expect(!sandbox.exists("n.txt"))
    }

    @Test("refuses to apply while an interrupted application awaits recovery")
    func pendingJournal() throws {
        let sandbox = try Sandbox()
        sandbox.write("a.txt", "a\n")
        struct Crash: Error {}
        var applier = sandbox.applier()
        applier.onStep = { if $0 == 3 { throw Crash() } }
        let patch = try parsePatch("--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b\n")
        #expect(throws: Crash.self) { try applier.apply(patch) }
        let refusal = try #require(refusal { try sandbox.applier().apply(patch) })
        #expect(refusal.problems.first?.message.contains("run recovery") == true)
        #expect(try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal) != nil)
        try sandbox.applier().apply(patch)
        #expect(sandbox.text("a.txt") == "b\n")
    }

    @Test("a report encodes as JSON with the operation as a word")
    func reportJSON() throws {
        let report = ApplyReport(files: [AppliedFile(operation: .rename, oldPath: "a", newPath: "b", oldSHA256: "x", newSHA256: "x", offsets: [2])])
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains(#""operation":"rename""#))
        #expect(try JSONDecoder().decode(ApplyReport.self, from: Data(json.utf8)) == report)
    }
}
