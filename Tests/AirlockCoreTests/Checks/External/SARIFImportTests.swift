import Testing
@testable import AirlockCore

@Suite("SARIF import: levels, rules, severities")
struct SARIFImportTests {
    typealias S = SARIFSamples

    @Test func semgrepLevelsComeFromTheRulesThroughRuleIdAndRuleIndex() throws {
        let findings = try S.parse(S.semgrep, source: "semgrep")
        #expect(findings.map { "\($0.rule) \($0.severity) \($0.path):\($0.line)-\($0.endLine.map(String.init) ?? "")" } == [
            "semgrep:\(S.shellRule) high app/util.py:5-7",
            "semgrep:\(S.yamlRule) medium app/config loader.py:12-",
            // The rule's security-severity 9.8 outranks its level `note`.
            "semgrep:\(S.sqlRule) critical app/views.py:40-",
            "semgrep:\(S.yamlRule) high app/util.py:30-",
        ])
        #expect(findings[0].message == "Found 'subprocess' function 'run' with 'shell=True'. This is dangerous.")
        #expect(findings.allSatisfy { $0.excerpt.isEmpty && $0.suppressed == nil })
    }

    @Test func withoutASourceTheDriversFirstWordNamesTheRules() throws {
        let findings = try S.parse(S.semgrep)
        #expect(findings.first?.rule == "semgrep:\(S.shellRule)")
    }

    @Test func gitleaksResultsWithoutAnyLevelAreWarningsAndNeverCopyTheSecret() throws {
        let findings = try S.parse(S.gitleaks, source: "gitleaks")
        #expect(findings == [LintFinding(
            rule: "gitleaks:aws-access-token", severity: .medium, path: "config/settings.py", line: 3,
            message: "aws-access-token has detected secret for file config/settings.py.", excerpt: "")])
        let raised = try ExternalFindings.parseSARIF(Array(S.gitleaks.utf8), source: "gitleaks", unleveled: .high)
        #expect(raised.map(\.severity) == [.high])
    }

    @Test func banditsOwnSeverityOutranksItsSARIFLevel() throws {
        let findings = try S.parse(S.banditSARIF, source: "bandit")
        #expect(findings.map { "\($0.rule) \($0.severity) \($0.line)" } == ["bandit:B602 high 3", "bandit:B403 low 1"])
    }

    @Test(arguments: [
        ("error", LintSeverity.high), ("warning", .medium), ("note", .low), ("none", .info),
    ])
    func levelsMapToSeverities(level: String, severity: LintSeverity) throws {
        let findings = try S.parse(S.log(results: S.result(extra: #", "level": "\#(level)""#)))
        #expect(findings.map(\.severity) == [severity])
    }

    @Test(arguments: [
        ("\"10.0\"", LintSeverity.critical), ("\"9.0\"", .critical), ("8.9", .high), ("\"7.0\"", .high), ("\"6.9\"", .medium),
        ("\"4.0\"", .medium), ("\"3.9\"", .low), ("\"0.1\"", .low), ("\"0.0\"", .info),
        // Not a score: the level decides (`error`).
        ("\"high\"", .high), ("\"11\"", .high), ("true", .high),
    ])
    func securitySeverityScoresMapToSeverities(score: String, severity: LintSeverity) throws {
        let extra = #", "level": "error", "properties": {"security-severity": \#(score)}"#
        #expect(try S.parse(S.log(results: S.result(extra: extra))).map(\.severity) == [severity])
    }

    @Test func aResultWithNoLevelAndAnUnknownRuleIsAWarning() throws {
        #expect(try S.parse(S.log(results: S.result("not-listed"))).map(\.severity) == [.medium])
    }

    @Test func rulesOfExtensionsAreFoundByToolComponentAndById() throws {
        let text = """
            {"version": "2.1.0", "runs": [{"tool": {
               "driver": {"name": "CodeQL", "rules": []},
               "extensions": [{"name": "codeql/python-queries", "rules": [
                  {"id": "py/command-line-injection", "defaultConfiguration": {"level": "error"}},
                  {"id": "py/unsafe-deserialization", "defaultConfiguration": {"level": "note"}}]}]},
              "results": [
                {"rule": {"id": "py/command-line-injection", "index": 0, "toolComponent": {"index": 0}},
                 "message": {"text": "This command line depends on a user-provided value."},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": "srv.py", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 9}}}]},
                {"ruleId": "py/unsafe-deserialization",
                 "message": {"text": "Unsafe deserialization."},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": "srv.py"}, "region": {"startLine": 20}}}]}
              ]}]}
            """
        #expect(try S.parse(text, source: "codeql").map { "\($0.rule) \($0.severity)" } == [
            "codeql:py/command-line-injection high", "codeql:py/unsafe-deserialization low",
        ])
    }

    @Test func aMessageByIdIsFilledFromTheRulesMessageStrings() throws {
        let rules = #"[{"id": "r1", "messageStrings": {"default": {"text": "{0} flows into {1}."}}}]"#
        let result = #"{"ruleIndex": 0, "message": {"id": "default", "arguments": ["input", "os.system"]}}"#
        let findings = try S.parse(S.log(results: result, rules: rules))
        #expect(findings.map(\.message) == ["input flows into os.system."])
        #expect(findings.map(\.rule) == ["probe:r1"])
        #expect(findings.map(\.path) == [""], "a result without a location is about no file")
    }

    @Test func resultsThatPassAreNotFindingsAndInformationalOnesAreInfo() throws {
        let results = [
            S.result("passed", extra: #", "kind": "pass", "level": "none""#),
            S.result("n/a", extra: #", "kind": "notApplicable""#),
            S.result("look", extra: #", "kind": "review", "level": "none""#),
        ].joined(separator: ",")
        #expect(try S.parse(S.log(results: results)).map { "\($0.rule) \($0.severity)" } == ["probe:look info"])
    }

    @Test func acceptedSuppressionsAreKeptVisibleAndOthersDoNotSuppress() throws {
        let results = [
            S.result("a", extra: ##", "suppressions": [{"kind": "inSource", "justification": "# nosemgrep: test fixture"}]"##),
            S.result("b", extra: #", "suppressions": [{"kind": "external", "status": "underReview"}]"#),
            S.result("c", extra: #", "suppressions": [{"kind": "external"}]"#),
            S.result("d", extra: #", "suppressions": []"#),
        ].joined(separator: ",")
        #expect(try S.parse(S.log(results: results)).map(\.suppressed) == ["# nosemgrep: test fixture", nil, "suppressed (external)", nil])
    }

    @Test func aConfiguredSourceNamesTheRulesWhateverTheLogCallsItsTool() throws {
        // A linter configured in the agent's scratch copy calls itself `airlock`: its
        // results must not pass for the built-in rules.
        let text = """
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "airlock"}}, "results": [\(S.result("aws-access-key-id"))]}]}
            """
        #expect(try S.parse(text, source: "semgrep").map(\.rule) == ["semgrep:aws-access-key-id"])
        #expect(try S.parse(text).map(\.rule) == ["aws-access-key-id"], "read back as Airlock's own export")
    }

    @Test func snippetsAreReadOnlyFromAirlocksOwnRunAndEscaped() throws {
        let region = #""region": {"startLine": 2, "snippet": {"text": "x\u001b]52;c;ZXZpbA==\u0007 \u202e"}}"#
        let result = #"{"ruleId": "code-exec", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.py"}, \#(region)}}]}"#
        let airlock = #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "airlock"}}, "results": [\#(result)]}]}"#
        #expect(try S.parse(airlock).map(\.excerpt) == [#"x\x1b]52;c;ZXZpbA==\x07 \u{202e}"#])
        #expect(try S.parse(airlock, source: "other").map(\.excerpt) == [""])
    }

    @Test func hostileMessagesAreBoundedAndLeftForTheScreenToEscape() throws {
        let long = String(repeating: "\u{1b}[2J", count: 50_000)
        let findings = try S.parse(S.log(results: #"{"ruleId": "r", "message": {"text": "\#(long.replacingOccurrences(of: "\u{1b}", with: "\\u001b"))"}}"#))
        let message = try #require(findings.first?.message)
        #expect(message.count == ExternalFindings.maximumMessageLength + 1)
        #expect(message.hasSuffix("…"))
        #expect(!VisibleText.escape(message).contains("\u{1b}"))
    }
}
