/// A proposal's findings as one SARIF 2.1.0 log: a run for Airlock's built-in rules
/// (driver `airlock`, listing every rule) and one run for each external tool, named by
/// the prefix of its rule ids (`bandit:B602` is rule `B602` of the run `bandit`).
/// `ExternalFindings.parseSARIF` without a source reads it back into the same findings.
public enum SARIFExport {
    public static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// The log, as JSON with sorted keys and a final newline: the same findings always
    /// give the same bytes.
    ///
    /// Each result carries its level (`ExternalSeverity.sarifLevel`) and, in its
    /// properties, a `security-severity` score inside its severity's band, so that all
    /// five severities survive the trip. A suppressed finding carries a suppression: kind
    /// `external` when its reason names `.airlock/lint-ignore` (a fingerprint listed
    /// there), `inSource` otherwise (a marker on the line), with the reason as justification.
    public static func document(proposal: Int64, findings: [LintFinding], rules: [LintRule] = LintRules.all) -> [UInt8] {
        var toolOrder: [String] = []
        var byTool: [String: [(finding: LintFinding, ruleID: String)]] = [:]
        for finding in findings {
            let (tool, ruleID) = split(finding.rule)
            if byTool[tool] == nil && tool != SARIFReport.airlockDriver { toolOrder.append(tool) }
            byTool[tool, default: []].append((finding, ruleID))
        }
        var runs = [run(tool: SARIFReport.airlockDriver, builtIn: rules, findings: byTool[SARIFReport.airlockDriver] ?? [], proposal: proposal)]
        for tool in toolOrder.sorted() {
            runs.append(run(tool: tool, builtIn: [], findings: byTool[tool] ?? [], proposal: proposal))
        }
        let log: LinterJSON = .object([
            "$schema": .string(schema),
            "version": .string("2.1.0"),
            "runs": .array(runs),
        ])
        return log.canonicalBytes() + [UInt8(ascii: "\n")]
    }

    /// `bandit:B602` is rule `B602` of `bandit`; an id without a prefix is built in.
    static func split(_ rule: String) -> (tool: String, ruleID: String) {
        guard let colon = rule.firstIndex(of: ":"), colon != rule.startIndex else { return (SARIFReport.airlockDriver, rule) }
        return (String(rule[..<colon]), String(rule[rule.index(after: colon)...]))
    }

    // MARK: - parts

    private static func run(tool: String, builtIn: [LintRule], findings: [(finding: LintFinding, ruleID: String)], proposal: Int64) -> LinterJSON {
        var descriptors: [LinterJSON] = []
        var indexByID: [String: Int] = [:]
        for rule in builtIn where indexByID[rule.id] == nil {
            indexByID[rule.id] = descriptors.count
            descriptors.append(.object([
                "id": .string(rule.id),
                "shortDescription": .object(["text": .string(rule.description)]),
                "defaultConfiguration": .object(["level": .string(ExternalSeverity.sarifLevel(for: rule.severity))]),
                "properties": .object([
                    "security-severity": .string(ExternalSeverity.securityScore(for: rule.severity)),
                    "tags": .array([.string("security")]),
                ]),
            ]))
        }
        for (_, ruleID) in findings where indexByID[ruleID] == nil {
            indexByID[ruleID] = descriptors.count
            descriptors.append(.object(["id": .string(ruleID)]))
        }
        let results = findings.map { result($0.finding, ruleID: $0.ruleID, index: indexByID[$0.ruleID] ?? 0) }
        return .object([
            "tool": .object(["driver": .object(["name": .string(tool), "rules": .array(descriptors)])]),
            "automationDetails": .object(["id": .string("airlock/proposal-\(proposal)/")]),
            "originalUriBaseIds": .object([
                sourceRoot: .object(["description": .object(["text": .string("the workspace with the proposal applied")])]),
            ]),
            "properties": .object(["proposal": .number(Double(proposal))]),
            "results": .array(results),
        ])
    }

    private static let sourceRoot = "%SRCROOT%"

    /// The key of a finding's fingerprint (as `.airlock/lint-ignore` lists it) in a
    /// result's `partialFingerprints`.
    static let fingerprintKey = "airlock/v1"

    private static func result(_ finding: LintFinding, ruleID: String, index: Int) -> LinterJSON {
        var result: [String: LinterJSON] = [
            "ruleId": .string(ruleID),
            "ruleIndex": .number(Double(index)),
            "level": .string(ExternalSeverity.sarifLevel(for: finding.severity)),
            "message": .object(["text": .string(finding.message)]),
            "properties": .object(["security-severity": .string(ExternalSeverity.securityScore(for: finding.severity))]),
        ]
        if !finding.path.isEmpty {
            var physical: [String: LinterJSON] = [
                "artifactLocation": .object(["uri": .string(ArtifactPath.uri(for: finding.path)), "uriBaseId": .string(sourceRoot)]),
            ]
            if finding.line > 0 {
                var region: [String: LinterJSON] = ["startLine": .number(Double(finding.line))]
                if let end = finding.endLine, end > finding.line { region["endLine"] = .number(Double(end)) }
                if !finding.excerpt.isEmpty { region["snippet"] = .object(["text": .string(finding.excerpt)]) }
                physical["region"] = .object(region)
            }
            result["locations"] = .array([.object(["physicalLocation": .object(physical)])])
        }
        if !finding.fingerprint.isEmpty {
            result["partialFingerprints"] = .object([fingerprintKey: .string(finding.fingerprint)])
        }
        if let reason = finding.suppressed {
            let kind = reason.contains("lint-ignore") ? "external" : "inSource"
            result["suppressions"] = .array([.object(["kind": .string(kind), "justification": .string(reason)])])
        }
        return .object(result)
    }
}
