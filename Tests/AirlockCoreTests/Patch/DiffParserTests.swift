import Testing
@testable import AirlockCore

@Suite("Git and unified diff parsing")
struct DiffParserTests {
    @Test func modifyWithTwoHunksKeepsExactLines() throws {
        let patch = try PatchFixtures.parse("""
            diff --git a/src/app.c b/src/app.c
            index 83db48f..bf269f4 100644
            --- a/src/app.c
            +++ b/src/app.c
            @@ -1,3 +1,3 @@ int main
             one
            -two
            +TWO
             three
            @@ -10,2 +10,3 @@
             ten
            +ten and a half
             eleven

            """)
        let file = try #require(patch.files.first)
        #expect(patch.files.count == 1)
        #expect(file.operation == .modify)
        #expect(file.oldPath == "src/app.c" && file.newPath == "src/app.c")
        #expect(file.index == FilePatch.Index(oldID: "83db48f", newID: "bf269f4", mode: .regular))
        #expect(file.hunks.count == 2)
        #expect(file.hunks[0].section == Bytes(" int main".utf8))
        #expect(file.hunks[0].lines == [
            HunkLine(.context, "one\n"), HunkLine(.removed, "two\n"), HunkLine(.added, "TWO\n"), HunkLine(.context, "three\n"),
        ])
        #expect(file.hunks[1].oldStart == 10 && file.hunks[1].oldCount == 2)
        #expect(file.hunks[1].newStart == 10 && file.hunks[1].newCount == 3)
        #expect(file.addedLineCount == 2 && file.removedLineCount == 1)
    }

    @Test func extendedHeadersForModesCreateDeleteRenameCopy() throws {
        let patch = try PatchFixtures.parse("""
            diff --git a/run.sh b/run.sh
            old mode 100644
            new mode 100755
            diff --git a/new.txt b/new.txt
            new file mode 100755
            index 0000000..e69de29
            diff --git a/gone.txt b/gone.txt
            deleted file mode 100644
            index 8baef1b..0000000
            --- a/gone.txt
            +++ /dev/null
            @@ -1 +0,0 @@
            -bye
            diff --git a/old name.txt b/new name.txt
            similarity index 88%
            rename from old name.txt
            rename to new name.txt
            index 1111111..2222222 100644
            --- a/old name.txt
            +++ b/new name.txt
            @@ -1 +1 @@
            -a
            +b
            diff --git a/x.txt b/y.txt
            similarity index 100%
            copy from x.txt
            copy to y.txt

            """)
        #expect(patch.files.map(\.operation) == [.modify, .create, .delete, .rename, .copy])
        #expect(patch.files[0].oldMode == .regular && patch.files[0].newMode == .executable && patch.files[0].hunks.isEmpty)
        #expect(patch.files[1].newPath == "new.txt" && patch.files[1].oldPath == nil && patch.files[1].newMode == .executable)
        #expect(patch.files[2].oldPath == "gone.txt" && patch.files[2].newPath == nil && patch.files[2].hunks[0].newCount == 0)
        #expect(patch.files[3].oldPath == "old name.txt" && patch.files[3].newPath == "new name.txt")
        #expect(patch.files[3].similarity == 88)
        #expect(patch.files[4].oldPath == "x.txt" && patch.files[4].newPath == "y.txt" && patch.files[4].similarity == 100)
    }

    @Test func cQuotedNamesWithOctalEscapes() throws {
        let patch = try PatchFixtures.parse(#"""
            diff --git "a/caf\303\251 \"menu\".txt" "b/caf\303\251 \"menu\".txt"
            index 1111111..2222222 100644
            --- "a/caf\303\251 \"menu\".txt"
            +++ "b/caf\303\251 \"menu\".txt"
            @@ -1 +1 @@
            -a
            +b
            diff --git "a/tab\there" "b/tab\there"
            old mode 100644
            new mode 100755

            """#)
        #expect(patch.files[0].path == "café \"menu\".txt")
        #expect(patch.files[1].path == "tab\there")
    }

    @Test func formatPatchMailPreambleAndSignatureAreSkipped() throws {
        let patch = try PatchFixtures.parse("""
            From 1234567890abcdef Mon Sep 17 00:00:00 2001
            From: Agent <agent@example.com>
            Date: Sat, 21 Nov 2026 10:00:00 +0000
            Subject: [PATCH] Fix it

            A message that mentions --- dashes.
            ---
             a.txt | 2 +-
             1 file changed, 1 insertion(+), 1 deletion(-)

            diff --git a/a.txt b/a.txt
            index 1111111..2222222 100644
            --- a/a.txt
            +++ b/a.txt
            @@ -1 +1 @@
            -old
            +new
            --\u{20}
            2.39.5

            """)
        #expect(patch.files.count == 1)
        #expect(patch.files[0].hunks[0].lines == [HunkLine(.removed, "old\n"), HunkLine(.added, "new\n")])
    }

    @Test func noNewlineMarkersOnEitherSide() throws {
        let patch = try PatchFixtures.parse("""
            diff --git a/a b/a
            --- a/a
            +++ b/a
            @@ -1,2 +1,2 @@
             keep
            -last
            \\ No newline at end of file
            +last
            diff --git a/b b/b
            --- a/b
            +++ b/b
            @@ -1 +1 @@
            -x
            +y
            \\ No newline at end of file

            """)
        #expect(patch.files[0].hunks[0].lines == [HunkLine(.context, "keep\n"), HunkLine(.removed, "last"), HunkLine(.added, "last\n")])
        #expect(patch.files[1].hunks[0].lines == [HunkLine(.removed, "x\n"), HunkLine(.added, "y")])
    }

    @Test func crlfLinesKeepTheirCarriageReturn() throws {
        let patch = try PatchFixtures.parse("diff --git a/w b/w\n--- a/w\n+++ b/w\n@@ -1 +1 @@\n-a\r\n+b\r\n")
        #expect(patch.files[0].hunks[0].lines == [HunkLine(.removed, "a\r\n"), HunkLine(.added, "b\r\n")])
    }

    // MARK: - plain unified diffs

    @Test func unifiedDiffWithTimestampsAndIndexPreamble() throws {
        let patch = try PatchFixtures.parse("""
            Index: lib/util.py
            ===================================================================
            --- lib/util.py.orig\t2026-11-20 10:00:00.000000000 +0100
            +++ lib/util.py\t2026-11-21 11:00:00.000000000 +0100
            @@ -2 +2 @@
            -a
            +b

            """, strip: 0)
        #expect(patch.files.count == 1)
        #expect(patch.files[0].operation == .modify)
        #expect(patch.files[0].path == "lib/util.py")
    }

    @Test func diffUrNEpochTimestampsMeanCreateAndDelete() throws {
        let patch = try PatchFixtures.parse("""
            diff -urN a/new.txt b/new.txt
            --- a/new.txt\t1970-01-01 01:00:00.000000000 +0100
            +++ b/new.txt\t2026-11-21 11:00:00.000000000 +0000
            @@ -0,0 +1 @@
            +hello
            diff -urN a/old.txt b/old.txt
            --- a/old.txt\t2026-11-21 11:00:00.000000000 +0000
            +++ b/old.txt\t1970-01-01 00:00:00.000000000 +0000
            @@ -1 +0,0 @@
            -bye

            """)
        #expect(patch.files.map(\.operation) == [.create, .delete])
        #expect(patch.files[0].newPath == "new.txt" && patch.files[0].newMode == .regular)
        #expect(patch.files[1].oldPath == "old.txt")
    }

    @Test func stripOption() throws {
        let text = "--- x/y/z.txt\n+++ x/y/z.txt\n@@ -1 +1 @@\n-a\n+b\n"
        #expect(try PatchFixtures.parse(text, strip: 0).files[0].path == "x/y/z.txt")
        #expect(try PatchFixtures.parse(text, strip: 2).files[0].path == "z.txt")
        #expect(PatchFixtures.parseError(text, strip: 3)?.description == "line 1: cannot strip 3 leading components from `x/y/z.txt` (-p 3)")
    }

    // MARK: - errors

    @Test func countMismatchNamesTheHunkHeaderLine() {
        let error = PatchFixtures.parseError("""
            diff --git a/a b/a
            --- a/a
            +++ b/a
            @@ -1,12 +1,12 @@
             1
             2
            garbage

            """)
        #expect(error?.line == 4)
        #expect(error?.description.hasPrefix("line 4: hunk says 12 old and 12 new lines, body has 2 and 2") == true)
        #expect(error?.description.contains("line 7 is not a hunk line") == true)
    }

    @Test func truncatedHunkSaysThePatchEnds() {
        let error = PatchFixtures.parseError("--- a/a\n+++ b/a\n@@ -1,3 +1,3 @@\n x\n-y\n")
        #expect(error?.description == "line 3: hunk says 3 old and 3 new lines, body has 2 and 1 (the patch ends first)")
    }

    @Test func hunkBodyLongerThanHeader() {
        let error = PatchFixtures.parseError("diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1,2 @@\n+x\n+y\n+z\n")
        #expect(error?.description == "line 7: hunk body has more new lines than its header's 2")
    }

    @Test func notAPatchSaysSo() {
        let error = PatchFixtures.parseError("hello\nworld\n")
        #expect(error?.line == nil)
        #expect(error?.description.hasPrefix("not a patch") == true)
    }

    @Test func malformedHunkHeaders() {
        for header in ["@@ -a +1 @@", "@@ -1 +1", "@@ -1,2,3 +1 @@", "@@ -9999999999 +1 @@", "@@ -0,3 +1 @@"] {
            let error = PatchFixtures.parseError("diff --git a/a b/a\n--- a/a\n+++ b/a\n\(header)\n-x\n")
            #expect(error?.line == 4, "\(header)")
        }
    }

    @Test func inconsistentNamesAreRefused() {
        let error = PatchFixtures.parseError("diff --git a/safe.txt b/safe.txt\n--- a/other.txt\n+++ b/other.txt\n@@ -1 +1 @@\n-a\n+b\n")
        #expect(error?.description == "line 1: inconsistent old file name: `--- other.txt` but `diff --git` names `safe.txt`")
    }

    @Test func newFileWithOldLinesIsRefused() {
        let error = PatchFixtures.parseError("diff --git a/n b/n\nnew file mode 100644\n--- /dev/null\n+++ b/n\n@@ -1 +1 @@\n-a\n+b\n")
        #expect(error?.description.contains("depends on old contents") == true)
    }

    @Test func invalidModeAndIndexLines() {
        #expect(PatchFixtures.parseError("diff --git a/a b/a\nold mode 10064x\nnew mode 100755\n")?.description == "line 2: invalid file mode `10064x` (expected octal digits such as 100644)")
        #expect(PatchFixtures.parseError("diff --git a/a b/a\nindex zz..11 100644\n")?.line == 2)
    }

    @Test func noNewlineMarkerInTheMiddleIsRefused() {
        let error = PatchFixtures.parseError("--- a/a\n+++ b/a\n@@ -1,2 +1,2 @@\n-x\n\\ No newline at end of file\n-y\n+z\n+w\n")
        #expect(error?.description.contains("in the middle of the old text") == true)
    }

    @Test func hunkBeforeAnyHeader() {
        #expect(PatchFixtures.parseError("@@ -1 +1 @@\n-a\n+b\n")?.description.contains("hunk without a file header") == true)
    }
}

@Suite("Parser findings from fuzzing")
struct DiffParserFuzzFindingsTests {
    /// Found by airlock-fuzz: a rename to an absolute name rendered as `a//x`, which
    /// parsed back as `x`.
    @Test func absoluteNamesAreRefusedAtParseTime() {
        let error = PatchFixtures.parseError("diff --git a/x b/y\nrename from x\nrename to /etc/passwd\n")
        #expect(error?.description == "line 3: absolute path `/etc/passwd`: patch paths must be relative to the workspace")
        #expect(PatchFixtures.parseError("--- /etc/passwd\n+++ /etc/passwd\n@@ -1 +1 @@\n-a\n+b\n", strip: 0)?.line == 1)
    }
}

@Suite("Parser strictness found in review")
struct DiffParserStrictnessTests {
    /// git apply calls this a corrupt patch; reading it as "no newline at end of file"
    /// would silently drop the file's final newline.
    @Test func truncatedLastLineIsRefused() {
        let error = PatchFixtures.parseError("diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-foo\n+bar")
        #expect(error?.line == 6)
        #expect(error?.description.contains("ends in the middle of a hunk line") == true)
    }

    @Test func contradictoryHeadersAreRefused() {
        let renameAndCopy = "diff --git a/x b/y\nrename from x\nrename to y\ncopy from x\ncopy to y\n"
        let createAndRename = "diff --git a/x b/y\nnew file mode 100644\nrename from x\nrename to y\n"
        let deleteAndCopy = "diff --git a/x b/y\ndeleted file mode 100644\ncopy from x\ncopy to y\n"
        for text in [renameAndCopy, createAndRename, deleteAndCopy] {
            #expect(PatchFixtures.parseError(text)?.description == "line 1: inconsistent header lines: an entry is one of create, delete, rename or copy")
        }
    }
}
