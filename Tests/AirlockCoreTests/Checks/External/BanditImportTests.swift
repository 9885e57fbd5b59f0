import Testing
@testable import AirlockCore

@Suite("bandit's JSON imported")
struct BanditImportTests {
    static let hostile = """
        import pickle
        import subprocess

        import yaml


        def handle(cmd, data):
            subprocess.call(cmd, shell=True)
            config = yaml.load(data)
            return pickle.loads(config)


        def split(cmd):
            return subprocess.run(
                cmd,
                shell=True,
            )

        """

    @Test("bandit -f json, run here on a file with shell=True, yaml.load and pickle.loads", .requiresLinter(.bandit))
    func realOutput() throws {
        let scratch = try LinterScratch()
        try scratch.write("app/handler.py", Self.hostile)
        try scratch.write("app/broken.py", "def broken(:\n    pass\n")
        let output = try LinterTool.bandit.output(["-q", "-f", "json", "-r", "app"], in: scratch.root)
        #expect(ExternalFindings.detectFormat(output) == .banditJSON)
        let findings = try ExternalFindings.parseBandit(output, scratchRoot: scratch.root)
        let shown = Set(findings.map { "\($0.rule) \($0.severity) \($0.path):\($0.line)" })
        #expect(shown.isSuperset(of: [
            "bandit:B602 high app/handler.py:8",
            "bandit:B506 medium app/handler.py:9",
            "bandit:B301 medium app/handler.py:10",
            "bandit:unscanned medium app/broken.py:0",
        ]), "\(shown.sorted())")
        // The call written over lines 14–17 spans the line that says shell=True.
        let split = try #require(findings.first { $0.rule == "bandit:B602" && $0.line != 8 })
        #expect((split.line...(split.endLine ?? split.line)).contains(16), "\(split.line)-\(String(describing: split.endLine))")
        #expect(findings.first { $0.rule == "bandit:B602" }?.message.hasPrefix("subprocess call with shell=True identified") == true)
    }

    @Test func severitiesConfidenceAndUnscannedFiles() throws {
        let text = """
            {"errors": [{"filename": "./py2.py", "reason": "syntax error while parsing AST from file"}],
             "generated_at": "2026-11-30T13:03:51Z", "metrics": {},
             "results": [
               {"code": "3 x\\n", "filename": "./a.py", "issue_confidence": "HIGH", "issue_severity": "HIGH",
                "issue_text": "subprocess call with shell=True identified, security issue.", "line_number": 3, "line_range": [3],
                "more_info": "https://bandit.readthedocs.io/", "test_id": "B602", "test_name": "subprocess_popen_with_shell_equals_true"},
               {"filename": "/scratch/7/a.py", "issue_confidence": "LOW", "issue_severity": "LOW", "issue_text": "t",
                "line_number": 5, "line_range": [5, 6, 7], "test_id": "B404", "test_name": "blacklist"},
               {"filename": "a.py", "issue_confidence": "MEDIUM", "issue_severity": "UNDEFINED", "issue_text": "u",
                "line_number": 9, "test_id": "B999", "test_name": "x"}
             ]}
            """
        let findings = try ExternalFindings.parseBandit(Array(text.utf8), scratchRoot: "/scratch/7")
        #expect(findings.map { "\($0.rule) \($0.severity) \($0.path):\($0.line)-\($0.endLine.map(String.init) ?? "")" } == [
            "bandit:B602 high a.py:3-", "bandit:B404 low a.py:5-7", "bandit:B999 info a.py:9-", "bandit:unscanned medium py2.py:0-",
        ])
        #expect(findings[0].message == "subprocess call with shell=True identified, security issue. (confidence: high)")
        #expect(findings[3].message.hasSuffix(": syntax error while parsing AST from file"))
    }

    @Test(arguments: [
        (#"{"errors": []}"#, "bandit (bandit-json): results: missing"),
        (#"{"results": [{"filename": "a.py", "line_number": "3", "issue_severity": "HIGH", "issue_text": "t", "test_id": "B1"}]}"#,
         "bandit (bandit-json): results[0].line_number: expected a whole number, found a string"),
        (#"{"results": [{"filename": "a.py", "line_number": 3, "issue_severity": "HIGH", "issue_text": "t"}]}"#,
         "bandit (bandit-json): results[0].test_id: missing"),
        (#"{"results": [], "errors": [{"reason": "x"}]}"#, "bandit (bandit-json): errors[0].filename: missing"),
        (#"{"results": [{"filename": "a.py", "line_number": 3, "line_range": [0], "issue_severity": "HIGH", "issue_text": "t", "test_id": "B1"}]}"#,
         "bandit (bandit-json): results[0].line_range[0]: expected a whole number from 1 to 2147483647, found 0"),
    ])
    func malformedReports(text: String, expected: String) {
        #expect(throws: ExternalFindingsError.self) { try ExternalFindings.parseBandit(Array(text.utf8)) }
        do {
            _ = try ExternalFindings.parseBandit(Array(text.utf8))
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func parseDispatchesOnTheReportsShape() throws {
        let bandit = #"{"results": [{"filename": "a.py", "line_number": 1, "issue_severity": "LOW", "issue_text": "t", "test_id": "B1"}]}"#
        #expect(try ExternalFindings.parse(Array(bandit.utf8)).map(\.rule) == ["bandit:B1"])
        let shellcheck = #"[{"file": "a.sh", "line": 1, "level": "info", "code": 2086, "message": "m"}]"#
        #expect(try ExternalFindings.parse(Array(shellcheck.utf8)).map(\.rule) == ["shellcheck:SC2086"])
        #expect(try ExternalFindings.parse(Array(SARIFSamples.gitleaks.utf8), source: "gitleaks").map(\.rule) == ["gitleaks:aws-access-token"])
        #expect(throws: ExternalFindingsError.self) { try ExternalFindings.parse(Array(#"{"something": 1}"#.utf8)) }
        #expect(throws: ExternalFindingsError.self) { try ExternalFindings.parse(Array(bandit.utf8), format: .sarif) }
    }
}
