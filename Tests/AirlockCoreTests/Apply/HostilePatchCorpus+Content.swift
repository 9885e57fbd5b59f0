import Testing
@testable import AirlockCore

// Hostile patches about what a patch writes and how: symlinks, modes, content that does
// not match, entries that conflict, and shapes the git parser would not produce.
extension HostilePatchTests {
    static let corpus: [HostilePatch] = traversal + gitDirectory + airlockState + symlinks + modes + content + conflicts + names + shapes

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
