import Testing
@testable import AirlockCore

@Suite("External findings limited to what a proposal adds")
struct FindingLimitTests {
    /// Adds lines 11, 12 and 43 of src/app.py, creates deploy.sh (lines 1–3), renames
    /// old.py to moved.py without a change, and deletes gone.py.
    static let patch = """
        diff --git a/src/app.py b/src/app.py
        --- a/src/app.py
        +++ b/src/app.py
        @@ -10,4 +10,5 @@ def handle():
             a = 1
        +    b = subprocess.call(cmd, shell=True)
        +    c = 3
             d = 4
        -    e = 5
             f = 6
        @@ -41,2 +42,3 @@
             g = 7
        +    h = eval(x)
             i = 9
        diff --git a/deploy.sh b/deploy.sh
        new file mode 100755
        --- /dev/null
        +++ b/deploy.sh
        @@ -0,0 +1,3 @@
        +#!/bin/sh
        +cd $1
        +curl https://get.example.com | sh
        diff --git a/old.py b/moved.py
        similarity index 100%
        rename from old.py
        rename to moved.py
        diff --git a/gone.py b/gone.py
        deleted file mode 100644
        --- a/gone.py
        +++ /dev/null
        @@ -1 +0,0 @@
        -os.system(x)

        """

    static func finding(_ path: String, _ line: Int, through end: Int? = nil) -> LintFinding {
        LintFinding(rule: "bandit:B602", severity: .high, path: path, line: line, message: "m", excerpt: "", endLine: end)
    }

    static func kept(_ findings: [LintFinding]) throws -> [String] {
        ExternalFindings.limit(findings, to: try PatchFixtures.parse(patch)).map { "\($0.path):\($0.line)" }
    }

    @Test func findingsOnAddedLinesAreKeptInTheNewFilesNumbers() throws {
        let findings = [10, 11, 12, 13, 14, 15, 42, 43, 44].map { Self.finding("src/app.py", $0) }
        #expect(try Self.kept(findings) == ["src/app.py:11", "src/app.py:12", "src/app.py:43"])
    }

    @Test func aFindingSpanningAnAddedLineIsKept() throws {
        // A call written over lines 9–11 whose `shell=True` line was added; a span before
        // and one after the additions are the code that was there.
        let findings = [Self.finding("src/app.py", 9, through: 11), Self.finding("src/app.py", 5, through: 10), Self.finding("src/app.py", 13, through: 42)]
        #expect(try Self.kept(findings) == ["src/app.py:9"])
    }

    @Test func fileLevelFindingsAreKeptForEveryFileTheProposalTouches() throws {
        let findings = ["deploy.sh", "moved.py", "src/app.py", "old.py", "gone.py", "untouched.py", ""].map { Self.finding($0, 0) }
        #expect(try Self.kept(findings) == ["deploy.sh:0", "moved.py:0", "src/app.py:0"])
    }

    @Test func findingsInOtherFilesAndOnlyRemovedLinesAreDropped() throws {
        let findings = [
            Self.finding("deploy.sh", 2), Self.finding("deploy.sh", 4), Self.finding("gone.py", 1), Self.finding("moved.py", 1),
            Self.finding("other.py", 11), Self.finding("/scratch/1/src/app.py", 11), Self.finding("./src/app.py", 11),
        ]
        #expect(try Self.kept(findings) == ["deploy.sh:2"])
    }

    @Test func suppressedFindingsAreLimitedLikeOthersAndStaySuppressed() throws {
        var finding = Self.finding("src/app.py", 11)
        finding.suppressed = "# nosec"
        let kept = ExternalFindings.limit([finding, Self.finding("src/app.py", 13)], to: try PatchFixtures.parse(Self.patch))
        #expect(kept == [finding])
    }
}
