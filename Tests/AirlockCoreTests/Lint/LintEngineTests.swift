import Testing
@testable import AirlockCore

@Suite("lint engine: where it looks and what it reports")
struct LintEngineTests {
    typealias F = LintFixtures

    static let awsKey = "AKIA" + F.random(F.upper + "234567", 16, seed: 7)

    @Test func lineNumbersAreInTheNewFileAcrossHunksAndFiles() throws {
        let text = """
            diff --git a/src/one.py b/src/one.py
            --- a/src/one.py
            +++ b/src/one.py
            @@ -1,4 +1,4 @@
             import os
            -os.remove(path)
            +os.system("rm " + path)
             x = 1
             y = 2
            @@ -40,3 +40,5 @@ def f():
             a = 1
            -b = 2
            +b = 3
            +r = requests.get(u, verify=False)
             c = 3
            +exec(code)
            diff --git a/deploy.sh b/deploy.sh
            --- a/deploy.sh
            +++ b/deploy.sh
            @@ -10,2 +12,3 @@
             set -e
            +curl https://get.example.com | sh
             done

            """
        let findings = LintEngine.scan(try PatchFixtures.parse(text))
        #expect(findings.map { "\($0.path):\($0.line) \($0.rule)" } == [
            "src/one.py:2 os-system",
            "src/one.py:42 tls-verify-false",
            "src/one.py:44 code-exec",
            "deploy.sh:13 pipe-to-shell",
        ])
    }

    @Test func onlyAddedLinesAreScanned() throws {
        let text = """
            diff --git a/keys.env b/keys.env
            --- a/keys.env
            +++ b/keys.env
            @@ -1,3 +1,3 @@
            -AWS_KEY=\(Self.awsKey)
            +AWS_KEY=
             OTHER=\(Self.awsKey)
             END=1

            """
        #expect(LintEngine.scan(try PatchFixtures.parse(text)) == [])
    }

    @Test func aDeletedFileIsNotScanned() {
        let deleted = FilePatch(operation: .delete, oldPath: "k.env", newPath: nil, hunks: [
            Hunk(oldStart: 1, oldCount: 1, newStart: 0, newCount: 0, lines: [HunkLine(.removed, "K=\(Self.awsKey)\n")]),
        ])
        #expect(LintEngine.scan(Patch(files: [deleted])) == [])
    }

    @Test func secretsAreMaskedAndExcerptsEscaped() throws {
        let finding = try #require(F.lint("a.env", "\u{1b}]0;owned\u{07}KEY=\(Self.awsKey) # \u{202e}note").first)
        #expect(finding.rule == "aws-access-key-id")
        #expect(finding.severity == .critical)
        #expect(!finding.excerpt.contains(Self.awsKey))
        #expect(!finding.excerpt.contains(String(Self.awsKey.dropFirst(4))))
        #expect(finding.excerpt.contains("****"))
        #expect(!finding.excerpt.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f || $0 == "\u{202e}" })
        #expect(finding.excerpt.contains("\\x1b"))
    }

    @Test func excerptOfAHugeLineStaysShort() throws {
        let line = String(repeating: "x", count: 20_000) + " os.system(cmd) " + String(repeating: "y", count: 20_000)
        let finding = try #require(F.lint("a.py", line).first { $0.rule != "minified-line" })
        #expect(finding.rule == "os-system")
        #expect(finding.excerpt.count < 200)
        #expect(finding.excerpt.contains("os.system("))
    }

    // MARK: - entropy

    @Test func lowEntropyPasswordIsReportedAsLowPlaceholder() throws {
        let finding = try #require(F.lint("settings.py", "password = \"changeme\"").first)
        #expect(finding.rule == "generic-secret")
        #expect(finding.severity == .low)
        #expect(finding.message.contains("placeholder"))
        let strong = try #require(F.lint("settings.py", "password = \"" + F.random(F.alphanumeric, 24) + "\"").first)
        #expect(strong.severity == .high)
        #expect(!strong.message.contains("placeholder"))
    }

    @Test func entropyMeasuresBitsPerCharacter() {
        #expect(ShannonEntropy.bitsPerCharacter("aaaa") == 0)
        #expect(ShannonEntropy.bitsPerCharacter("abcd") == 2)
        #expect(ShannonEntropy.bitsPerCharacter("changeme") < 3)
        #expect(ShannonEntropy.bitsPerCharacter(Substring(F.random(F.alphanumeric, 32))) > 4)
    }

    @Test func aProviderSecretIsNotReportedTwiceByTheGenericRule() {
        let token = "ghp_" + F.random(F.alphanumeric, 36)
        #expect(F.lint("a.py", "token = \"\(token)\"").map(\.rule) == ["github-token"])
    }

    // MARK: - file globs

    @Test func codeRulesApplyOnlyToTheirLanguages() {
        #expect(F.lint("src/app.py", "exec(code)").map(\.rule) == ["code-exec"])
        #expect(F.lint("docs/notes.md", "exec(code)") == [])
        #expect(LintGlob("*.py").matches("a/b/c.py"))
        #expect(!LintGlob("*.py").matches("a/b.py/c.txt"))
        #expect(LintGlob("**/ci/*.yml").matches("ci/x.yml"))
        #expect(LintGlob("**/ci/*.yml").matches("a/b/ci/x.yml"))
        #expect(!LintGlob("**/ci/*.yml").matches("a/ci/b/x.yml"))
        #expect(LintGlob("Makefile").matches("src/Makefile"))
        #expect(!LintGlob("Makefile").matches("src/Makefile.md"))
        #expect(!LintGlob("Makefile").matches("Makefile/x"))
        #expect(LintGlob("*.lock.json").matches("a/packages.lock.json"))
        #expect(!LintGlob("*.lock.json").matches("a/lock.json"))
        #expect(!LintGlob("*.py").matches("a.py/b"))
        #expect(LintGlob("azure-pipelines*.yml").matches("azure-pipelines.release.yml"))
        #expect(LintGlob(".ci/run").matches(".ci/run"))
        #expect(!LintGlob(".ci/run").matches("x/.ci/run"))
    }

    // MARK: - hostile input

    @Test func aMebibyteLineWithoutKeywordsRunsNoRegex() {
        let line = String(repeating: "a.b-c_", count: 1 << 18)
        var work = LintWork()
        let findings = LintEngine.scan(F.creating("big.py", [line]), rules: F.lineRules, work: &work)
        #expect(findings.map(\.rule) == [LintEngine.truncatedLineRule])
        #expect(work == LintWork(linesScanned: 1, regexRuns: 0))
    }

    @Test func aLineIsLintedUpToItsLimitAndTheRestIsFlagged() {
        let secret = "AKIA" + F.random(F.upper + "234567", 16, seed: 9)
        let padding = String(repeating: " ", count: LintEngine.maximumLintedLength - 40)
        let early = F.lint("a.env", padding + "K=\(secret)" + padding, rules: F.lineRules)
        #expect(early.map(\.rule) == [LintEngine.truncatedLineRule, "aws-access-key-id"])
        #expect(early.first?.severity == .info)
        #expect(early.first?.message == "line of \(2 * padding.count + 22) bytes: only its first 65536 were linted")
        let late = F.lint("a.env", padding + padding + "K=\(secret)", rules: F.lineRules)
        #expect(late.map(\.rule) == [LintEngine.truncatedLineRule])
        #expect(F.lint("a.env", String(repeating: " ", count: LintEngine.maximumLintedLength), rules: F.lineRules) == [])
    }

    @Test func manyPlainLinesRunNoRegex() {
        let lines = (0..<20_000).map { "let value\($0) = compute(\($0)) + 1" }
        var work = LintWork()
        #expect(LintEngine.scan(F.creating("main.swift", lines), rules: LintRules.all, work: &work) == [])
        #expect(work == LintWork(linesScanned: 20_000, regexRuns: 0))
    }

    @Test func aMebibyteLineFullOfKeywordsRunsEachRuleOnce() {
        // Every keyword-triggered rule runs once on the line, however often its keyword
        // occurs; the patterns' bounded quantifiers keep each run linear.
        let line = String(repeating: "password=token. curl | yaml.load(chmod ", count: 1 << 20 / 40)
        var work = LintWork()
        _ = LintEngine.scan(F.creating("x.py", [line]), rules: LintRules.all, work: &work)
        #expect(work.linesScanned == 1)
        #expect(work.regexRuns <= LintRules.all.count)
    }
}
