import Testing
@testable import AirlockCore

@Suite("shellcheck's JSON imported")
struct ShellCheckImportTests {
    static let script = """
        #!/bin/sh
        echo $1
        cd /tmp
        ls `pwd`
        if [ $x == 1 ]; then
          :
        fi

        """

    @Test("shellcheck -f json and -f json1, run here", .requiresLinter(.shellcheck))
    func realOutputOfBothFormats() throws {
        let scratch = try LinterScratch()
        try scratch.write("deploy/run.sh", Self.script)
        let json = try ExternalFindings.parseShellCheck(try LinterTool.shellcheck.output(["-f", "json", "deploy/run.sh"], in: scratch.root))
        let json1 = try ExternalFindings.parseShellCheck(
            try LinterTool.shellcheck.output(["-f", "json1", scratch.root + "/deploy/run.sh"], in: scratch.root), scratchRoot: scratch.root)
        #expect(json == json1, "the same comments, the absolute path made relative")
        let shown = Set(json.map { "\($0.rule) \($0.severity) \($0.path):\($0.line)" })
        #expect(shown.isSuperset(of: [
            "shellcheck:SC2086 low deploy/run.sh:2",
            "shellcheck:SC2164 medium deploy/run.sh:3",
            "shellcheck:SC2046 medium deploy/run.sh:4",
            "shellcheck:SC2006 info deploy/run.sh:4",
        ]), "\(shown.sorted())")
        #expect(json.allSatisfy { !$0.message.isEmpty && $0.excerpt.isEmpty })
        #expect(try ExternalFindings.detectFormat(LinterTool.shellcheck.output(["-f", "json1", "deploy/run.sh"], in: scratch.root)) == .shellcheckJSON)
    }

    @Test("a script shellcheck cannot parse is an error-level finding", .requiresLinter(.shellcheck))
    func parseErrorsAreHigh() throws {
        let scratch = try LinterScratch()
        try scratch.write("broken.sh", "#!/bin/sh\nif [ -f x ]; then\n  echo (\n")
        let findings = try ExternalFindings.parseShellCheck(try LinterTool.shellcheck.output(["-f", "json1", "broken.sh"], in: scratch.root))
        #expect(findings.contains { $0.severity == .high && $0.rule.hasPrefix("shellcheck:SC1") }, "\(findings.map(\.rule))")
    }

    @Test func levelsAndSpansAreMapped() throws {
        let text = """
            {"comments": [
              {"file": "./a.sh", "line": 2, "endLine": 4, "column": 1, "endColumn": 2, "level": "error", "code": 2068, "message": "Double quote array expansions.", "fix": null},
              {"file": "a.sh", "line": 5, "endLine": 5, "column": 1, "endColumn": 2, "level": "warning", "code": 2034, "message": "foo appears unused.", "fix": null},
              {"file": "a.sh", "line": 6, "column": 1, "level": "info", "code": 2086, "message": "Double quote to prevent globbing.", "fix": null},
              {"file": "a.sh", "line": 7, "column": 1, "level": "style", "code": 2006, "message": "Use $(...).", "fix": null}
            ]}
            """
        let findings = try ExternalFindings.parseShellCheck(Array(text.utf8))
        #expect(findings.map { "\($0.rule) \($0.severity) \($0.path):\($0.line)-\($0.endLine.map(String.init) ?? "")" } == [
            "shellcheck:SC2068 high a.sh:2-4", "shellcheck:SC2034 medium a.sh:5-", "shellcheck:SC2086 low a.sh:6-", "shellcheck:SC2006 info a.sh:7-",
        ])
        #expect(try ExternalFindings.parseShellCheck(Array("[]".utf8)) == [])
        #expect(try ExternalFindings.parseShellCheck(Array(#"{"comments": []}"#.utf8)) == [])
    }

    @Test(arguments: [
        (#"{"comment": []}"#, "shellcheck (shellcheck-json): comments: missing"),
        (#"[{"file": "a.sh", "line": 1, "level": "fatal", "code": 1, "message": "m"}]"#,
         #"shellcheck (shellcheck-json): [0].level: expected one of error, warning, info, style, found "fatal""#),
        (#"[{"file": "a.sh", "line": 1, "level": "info", "code": "SC1", "message": "m"}]"#,
         "shellcheck (shellcheck-json): [0].code: expected a whole number, found a string"),
        (#"[{"file": "a.sh", "level": "info", "code": 1, "message": "m"}]"#, "shellcheck (shellcheck-json): [0].line: missing"),
        (#"[{"file": "a.sh", "line": 3, "endLine": 2, "level": "info", "code": 1, "message": "m"}]"#,
         "shellcheck (shellcheck-json): [0].endLine: 2 is before line 3"),
        ("SC2086: oops", "shellcheck (shellcheck-json): not valid JSON"),
    ])
    func malformedReports(text: String, expected: String) throws {
        do {
            _ = try ExternalFindings.parseShellCheck(Array(text.utf8))
            Issue.record("read without an error")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }
}
