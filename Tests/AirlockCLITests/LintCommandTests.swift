import AirlockCore
import Foundation
import Testing

@Suite("airlock lint")
struct LintCommandTests {
    /// A patch whose one finding is `tls-verify-false` (high) at line 2 and, in a second
    /// file, `code-eval` (medium) at line 11.
    static let patch = """
        diff --git a/client.py b/client.py
        --- a/client.py
        +++ b/client.py
        @@ -1,2 +1,3 @@
         import requests
        +r = requests.get(url, verify=False)
         print(r)
        diff --git a/web/app.js b/web/app.js
        --- a/web/app.js
        +++ b/web/app.js
        @@ -10,1 +10,2 @@
         const x = 1;
        +const y = eval(input);

        """

    static let mediumOnly = """
        diff --git a/web/app.js b/web/app.js
        --- a/web/app.js
        +++ b/web/app.js
        @@ -10,1 +10,2 @@
         const x = 1;
        +const y = eval(input);

        """

    private func run(_ arguments: [String], input: String) throws -> CLIHarness.Result {
        let dir = try CLIHarness.temporaryDirectory()
        return try CLIHarness.run(["lint"] + arguments + ["-"], in: dir, input: Array(input.utf8))
    }

    @Test func printsFindingsAndFailsOnHighByDefault() throws {
        let result = try run([], input: Self.patch)
        #expect(result.status == 1, "\(result.stderr)")
        let heads = result.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(heads == [
            "client.py:2: high tls-verify-false: TLS certificate verification disabled (verify=False)",
            "web/app.js:11: medium code-eval: eval() runs a string as code",
        ])
    }

    @Test func failOnSetsTheThreshold() throws {
        #expect(try run([], input: Self.mediumOnly).status == 0)
        #expect(try run(["--fail-on", "medium"], input: Self.mediumOnly).status == 1)
        #expect(try run(["--fail-on", "critical"], input: Self.patch).status == 0)
        #expect(try run(["--fail-on", "info"], input: "diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-x\n+y\n").status == 0)
    }

    @Test func unusableInputExitsTwo() throws {
        let result = try run([], input: "diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1,5 +1,5 @@\n x\n")
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("<stdin>:4:"))
        #expect(try run(["--fail-on", "severe"], input: Self.patch).status != 0)
    }

    struct Finding: Decodable, Equatable {
        var rule: String
        var severity: String
        var path: String
        var line: Int
    }

    @Test func jsonDecodes() throws {
        let result = try run(["--json"], input: Self.patch)
        #expect(result.status == 1)
        let findings = try JSONDecoder().decode([Finding].self, from: Data(result.stdout.utf8))
        #expect(findings == [
            Finding(rule: "tls-verify-false", severity: "high", path: "client.py", line: 2),
            Finding(rule: "code-eval", severity: "medium", path: "web/app.js", line: 11),
        ])
    }

    @Test func hostilePathsAndLinesReachTheTerminalEscaped() throws {
        // A git-quoted name holding an OSC title sequence, and a raw right-to-left override.
        let hostile = """
            diff --git "a/x\\033]0;pwned\\007.py" "b/x\\033]0;pwned\\007.py"
            --- "a/x\\033]0;pwned\\007.py"
            +++ "b/x\\033]0;pwned\\007.py"
            @@ -1 +1,2 @@
             a = 1
            +os.system(cmd)  # \u{1b}[2J\u{9b}31m
            diff --git a/\u{202e}cod.py b/\u{202e}cod.py
            --- a/\u{202e}cod.py
            +++ b/\u{202e}cod.py
            @@ -1 +1,2 @@
             a = 1
            +exec(code)

            """
        for arguments in [[], ["--json"]] {
            let result = try run(arguments, input: hostile)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7f...0x9f).contains($0.value) || $0 == "\u{202e}" })
            #expect(result.stdout.contains("os-system"))
            #expect(result.stdout.contains("code-exec"))
            #expect(result.stdout.contains("\\x1b]0;pwned"))
            #expect(result.stdout.contains("\\u{202e}"))
        }
    }

    @Test func rulesAreListedBySubcommandAndByTheOldFlag() throws {
        let dir = try CLIHarness.temporaryDirectory()
        for arguments in [["lint", "rules"], ["lint", "--rules"]] {
            let result = try CLIHarness.run(arguments, in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            let ids = result.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) }
            #expect(ids == LintRules.all.map(\.id))
            #expect(result.stdout.contains("critical  AWS access key id  keywords: AKIA ASIA\n"))
            #expect(result.stdout.contains("files: **/.github/workflows/*"))
        }
    }

    struct Rule: Decodable, Equatable {
        var id: String
        var severity: String
        var target: String
        var keywords: [String]
        var files: [String]
        var pattern: String?
    }

    @Test func rulesAsJSONCarryTargetsKeywordsAndPatterns() throws {
        let result = try CLIHarness.run(["lint", "rules", "--json"], in: try CLIHarness.temporaryDirectory())
        #expect(result.status == 0)
        let rules = try JSONDecoder().decode([Rule].self, from: Data(result.stdout.utf8))
        #expect(rules.count == LintRules.all.count)
        let aws = try #require(rules.first { $0.id == "aws-access-key-id" })
        #expect(aws.target == "line")
        #expect(aws.keywords == ["AKIA", "ASIA"])
        #expect(aws.pattern?.contains("AKIA") == true)
        let exec = try #require(rules.first { $0.id == "new-executable-bit" })
        #expect(exec == Rule(id: "new-executable-bit", severity: "medium", target: "file", keywords: [], files: [], pattern: nil))
        #expect(result.stdout.contains("\"pattern\" : null"))
    }

    // MARK: - suppression

    static let suppressible = """
        diff --git a/run.py b/run.py
        --- a/run.py
        +++ b/run.py
        @@ -1 +1,3 @@
         import os
        +r = requests.get(url, verify=False)  # airlock:allow tls-verify-false
        +r = requests.get(other, verify=False)

        """

    struct Suppressed: Decodable, Equatable {
        var line: Int
        var suppressed: String?
        var fingerprint: String
    }

    @Test func suppressedFindingsAreShownMarkedAndDoNotCount() throws {
        let dir = try CLIHarness.temporaryDirectory()
        let first = try CLIHarness.run(["lint", "--json", "-"], in: dir, input: Array(Self.suppressible.utf8))
        #expect(first.status == 1, "line 3 still counts")
        let findings = try JSONDecoder().decode([Suppressed].self, from: Data(first.stdout.utf8))
        #expect(findings.map(\.line) == [2, 3])
        #expect(findings.map(\.suppressed) == ["marker on the line", nil])
        #expect(findings[1].fingerprint.hasPrefix("run.py:tls-verify-false:"))

        // The fingerprint the output printed, copied into the workspace's ignore file.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".airlock"), withIntermediateDirectories: true)
        try Data("# reviewed\n\(findings[1].fingerprint)\n".utf8).write(to: dir.appendingPathComponent(".airlock/lint-ignore"))
        let second = try CLIHarness.run(["lint", "-"], in: dir, input: Array(Self.suppressible.utf8))
        #expect(second.status == 0, "\(second.stdout)")
        #expect(second.stdout.contains("run.py:3: high tls-verify-false: TLS certificate verification disabled (verify=False) [suppressed: fingerprint in .airlock/lint-ignore]\n"))
        #expect(second.stdout.contains("    fingerprint \(findings[1].fingerprint)\n"))
    }

    @Test func aMalformedIgnoreFileIsUnusableInputNamingItsLine() throws {
        let dir = try CLIHarness.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".airlock"), withIntermediateDirectories: true)
        try Data("# ok\nrun.py:tls-verify-false:xyz\n".utf8).write(to: dir.appendingPathComponent(".airlock/lint-ignore"))
        let result = try CLIHarness.run(["lint", "-"], in: dir, input: Array(Self.suppressible.utf8))
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("airlock: .airlock/lint-ignore:2: the hash must be 16 lowercase hex digits"), "\(result.stderr)")
    }
}
