import Testing
@testable import AirlockCore

@Suite("Digests and hunk selection")
struct DigestAndSelectionTests {
    static let threeHunks = """
        diff --git a/f.txt b/f.txt
        index 1111111..2222222 100644
        --- a/f.txt
        +++ b/f.txt
        @@ -1,3 +1,4 @@
         a
        +a2
         b
         c
        @@ -10,3 +11,2 @@
         j
        -k
         l
        @@ -20,3 +20,5 @@
         t
        +t2
        +t3
         u
         v
        diff --git a/g.txt b/g.txt
        new file mode 100644
        --- /dev/null
        +++ b/g.txt
        @@ -0,0 +1 @@
        +new

        """

    @Test func digestIsStableAndSensitiveToEveryByte() throws {
        let patch = try PatchFixtures.parse(Self.threeHunks)
        let digest = PatchDigest(of: patch)
        #expect(digest.hex.count == 64)
        #expect(digest == PatchDigest(of: try PatchFixtures.parse(Self.threeHunks)))
        var changed = patch
        changed.files[0].hunks[0].lines[1] = HunkLine(.added, "a3\n")
        #expect(PatchDigest(of: changed) != digest)
        var noNewline = patch
        noNewline.files[1].hunks[0].lines[0] = HunkLine(.added, "new")
        #expect(PatchDigest(of: noNewline) != digest)
        // The canonical text is what git itself writes, so the digest of a git patch is
        // the digest of its own bytes.
        #expect(digest == PatchDigest(canonicalText: Array(Self.threeHunks.utf8)))
    }

    @Test func selectingHunksRenumbersTheNewSide() throws {
        let patch = try PatchFixtures.parse(Self.threeHunks)
        let subset = try patch.selecting(HunkSelection(hunks: [.init(file: 0, hunk: 1), .init(file: 0, hunk: 2)]))
        #expect(subset.files.count == 1)
        #expect(subset.files[0].hunks.map(\.newStart) == [10, 19])
        #expect(subset.files[0].hunks.map(\.oldStart) == [10, 20])
        // The subset renders to a valid patch that parses back to itself.
        let rendered = PatchRenderer.render(subset)
        #expect(try DiffParser(rendered).parseCopy() == subset)
        #expect(PatchDigest(of: subset) != PatchDigest(of: patch))

        let first = try patch.selecting(HunkSelection(hunks: [.init(file: 0, hunk: 0)]))
        #expect(first.files[0].hunks.map(\.newStart) == [1])
        let whole = try patch.selecting(HunkSelection(files: [0, 1]))
        #expect(whole == patch)
    }

    @Test func createdFilesAreAllOrNothing() throws {
        var patch = try PatchFixtures.parse(Self.threeHunks)
        patch.files[1].hunks.append(patch.files[1].hunks[0])
        #expect(throws: HunkSelectionError.self) {
            try patch.selecting(HunkSelection(hunks: [.init(file: 1, hunk: 0)]))
        }
        #expect(throws: HunkSelectionError.self) {
            try patch.selecting(HunkSelection(hunks: [.init(file: 0, hunk: 7)]))
        }
    }

    @Test func numstatQuotesLikeGit() throws {
        let patch = try PatchFixtures.parse(#"""
            diff --git "a/caf\303\251" "b/caf\303\251"
            --- "a/caf\303\251"
            +++ "b/caf\303\251"
            @@ -1 +1,2 @@
            -a
            +b
            +c
            diff --git a/bin b/bin
            Binary files a/bin and b/bin differ

            """#)
        #expect(PatchStats(patch).numstat == "2\t1\t\"caf\\303\\251\"\n-\t-\tbin\n")
    }
}

@Suite("Format detection")
struct PatchFormatTests {
    @Test func recognisesEachFormat() throws {
        #expect(try PatchFormat.detect(Array("From x\n\ndiff --git a/a b/a\n".utf8)) == .git)
        #expect(try PatchFormat.detect(Array("--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n".utf8)) == .unified)
        #expect(try PatchFormat.detect(Array("apply_patch <<'EOF'\n*** Begin Patch\n*** End Patch\n".utf8)) == .codex)
        #expect(try PatchFormat.detect(Array("a.py\n```\n<<<<<<< SEARCH\n=======\n>>>>>>> REPLACE\n```\n".utf8)) == .aider)
        #expect(try PatchFormat.detect(Array("  {\"edits\": []}".utf8)) == .edits)
    }

    @Test func refusesEdScriptsAndContextDiffs() {
        #expect(throws: PatchParseError.self) { try PatchFormat.detect(Array("3,5c\nhello\n.\n".utf8)) }
        do {
            _ = try PatchFormat.detect(Array("1a\n!rm -rf /\n.\n".utf8))
            Issue.record("ed script accepted")
        } catch {
            #expect(error.description.contains("CVE-2018-1000156"))
        }
        do {
            _ = try PatchFormat.detect(Array("*** a.txt\n--- a.txt\n***************\n".utf8))
            Issue.record("context diff accepted")
        } catch {
            #expect(error.description.hasPrefix("line 3: context diffs"))
        }
        #expect(throws: PatchParseError.self) { try PatchFormat.detect([]) }
        #expect(throws: PatchParseError.self) { try PatchFormat.detect(Array("just text\n".utf8)) }
    }
}
