import Foundation

/// One run: its tool's rules (driver and extensions), base URIs and results.
struct SARIFRun {
    typealias Node = LinterJSON.Node

    /// A tool component's rules, with their ids for lookups by `ruleId`.
    struct Component {
        var name: String
        var rules: [Node]
        var indexByID: [String: Int]

        init(_ node: Node) throws(ExternalFindingsError) {
            name = try node.required("name").string()
            rules = try node.member("rules")?.elements() ?? []
            indexByID = [:]
            for (index, rule) in rules.enumerated() {
                let id = try rule.object().required("id").string()
                if indexByID[id] == nil { indexByID[id] = index }
            }
        }
    }

    let run: Node
    let report: SARIFReport
    let driver: Component
    let extensions: [Component]
    let bases: [String: ArtifactPath.Base]
    let prefix: String?

    init(_ run: Node, report: SARIFReport) throws(ExternalFindingsError) {
        self.run = try run.object()
        self.report = report
        let tool = try run.required("tool").object()
        driver = try Component(try tool.required("driver").object())
        var extensions: [Component] = []
        for node in try tool.member("extensions")?.elements() ?? [] {
            extensions.append(try Component(try node.object()))
        }
        self.extensions = extensions
        var bases: [String: ArtifactPath.Base] = [:]
        if let declared = try run.member("originalUriBaseIds"), case .object(let members) = try declared.object().value {
            for key in members.keys.sorted() {
                guard let base = try declared.member(key) else { continue }
                _ = try base.object()
                bases[key] = ArtifactPath.Base(uri: try base.member("uri")?.string(), baseID: try base.member("uriBaseId")?.string())
            }
        }
        self.bases = bases
        prefix = report.rulePrefix(driverName: driver.name)
    }

    func findings() throws(ExternalFindingsError) -> [LintFinding] {
        var findings: [LintFinding] = []
        for result in try run.member("results")?.elements() ?? [] {
            if let finding = try finding(try result.object()) { findings.append(finding) }
        }
        return findings
    }

    // MARK: - one result

    /// Nil for a result that reports no problem (`kind` `pass` or `notApplicable`).
    private func finding(_ result: Node) throws(ExternalFindingsError) -> LintFinding? {
        let kindNode = try result.member("kind")
        let kind = try kindNode?.string() ?? "fail"
        switch kind {
        case "pass", "notApplicable": return nil
        case "fail", "open", "review", "informational": break
        default: throw (kindNode ?? result).failure("expected one of fail, pass, notApplicable, open, review, informational, found \(SARIFReport.quoted(kind))")
        }
        let (ruleID, rule) = try resolveRule(result)
        let severity = try severity(result, rule: rule, failing: kind == "fail")
        let location = try location(result)
        let isAirlock = prefix == nil
        return LintFinding(
            rule: prefix.map { "\($0):\(ruleID)" } ?? ruleID,
            severity: severity,
            path: location.path,
            line: location.line,
            message: ExternalFindings.bounded(try message(result, rule: rule, ruleID: ruleID)),
            excerpt: isAirlock ? location.snippet.map { VisibleText.escape(ExternalFindings.bounded($0, to: 200)) } ?? "" : "",
            suppressed: try suppression(result),
            endLine: location.endLine,
            fingerprint: isAirlock ? try result.member("partialFingerprints")?.member(SARIFExport.fingerprintKey)?.string() ?? "" : "")
    }

    /// The rule's id and descriptor, through `ruleIndex` or `rule.index` (into the driver,
    /// or the extension `rule.toolComponent` names) or else `ruleId`.
    private func resolveRule(_ result: Node) throws(ExternalFindingsError) -> (String, Node?) {
        let reference = try result.member("rule")?.object()
        var component = driver
        var componentNamed = false
        if let toolComponent = try reference?.member("toolComponent") {
            if let indexNode = try toolComponent.member("index") {
                let index = try indexNode.integer()
                guard index < extensions.count else {
                    throw indexNode.failure("extension \(index) does not exist: the tool has \(extensions.count)")
                }
                component = extensions[index]
                componentNamed = true
            } else if let name = try toolComponent.member("name")?.string(), let named = extensions.first(where: { $0.name == name }) {
                component = named
                componentNamed = true
            }
        }
        var indexNode = try result.member("ruleIndex")
        if indexNode == nil { indexNode = try reference?.member("index") }
        let index = try indexNode?.integer(in: -1...Int(Int32.max)) ?? -1
        var idNode = try result.member("ruleId")
        if idNode == nil { idNode = try reference?.member("id") }
        let id = try idNode?.string()
        if index >= 0, let indexNode {
            guard index < component.rules.count else {
                throw indexNode.failure("rule \(index) does not exist: \(component.name) lists \(component.rules.count)")
            }
            let rule = component.rules[index]
            let ruleID = try rule.required("id").string()
            if let id, let idNode, id != ruleID, !id.hasPrefix(ruleID + "/") {
                throw idNode.failure("\(SARIFReport.quoted(id)) is not the id of rule \(index), \(SARIFReport.quoted(ruleID))")
            }
            return (id ?? ruleID, rule)
        }
        guard let id else { return ("unnamed", nil) }
        if let index = component.indexByID[id] { return (id, component.rules[index]) }
        if !componentNamed {
            for other in extensions {
                if let index = other.indexByID[id] { return (id, other.rules[index]) }
            }
        }
        return (id, nil)
    }

    /// See `ExternalSeverity` for the order: a score, bandit's severity, the level.
    private func severity(_ result: Node, rule: Node?, failing: Bool) throws(ExternalFindingsError) -> LintSeverity {
        let properties = try result.member("properties")?.object()
        let ruleProperties = try rule?.member("properties")?.object()
        if let score = try Self.securityScore(properties) { return score }
        if let score = try Self.securityScore(ruleProperties) { return score }
        if let bandit = try properties?.member("issue_severity"), case .string(let text) = bandit.value {
            return ExternalSeverity.bandit(text)
        }
        guard failing else { return .info }
        var levelNode = try result.member("level")
        if levelNode == nil { levelNode = try rule?.member("defaultConfiguration")?.object().member("level") }
        guard let levelNode else { return report.unleveled }
        let level = try levelNode.string()
        guard let severity = ExternalSeverity.sarif(level: level) else {
            throw levelNode.failure("expected one of \(ExternalSeverity.sarifLevels.joined(separator: ", ")), found \(SARIFReport.quoted(level))")
        }
        return severity
    }

    /// `security-severity`, a string as GitHub asks or a number; anything else is a
    /// tool's own property and is passed over.
    private static func securityScore(_ properties: Node?) throws(ExternalFindingsError) -> LintSeverity? {
        guard let node = try properties?.member("security-severity") else { return nil }
        switch node.value {
        case .string(let text): return Double(text.trimmingCharacters(in: .whitespaces)).flatMap(ExternalSeverity.securitySeverity)
        case .number(let number): return ExternalSeverity.securitySeverity(number)
        default: return nil
        }
    }

    /// The result's text, else its message string from the rule with `{0}`… filled in,
    /// else the rule's description, else its id.
    private func message(_ result: Node, rule: Node?, ruleID: String) throws(ExternalFindingsError) -> String {
        if let message = try result.member("message")?.object() {
            if let text = try message.member("text")?.string() { return text }
            if let id = try message.member("id")?.string(), let template = try rule?.member("messageStrings")?.object().member(id)?.object().member("text")?.string() {
                var text = template
                for (index, argument) in (try message.member("arguments")?.elements() ?? []).enumerated() {
                    text = text.replacingOccurrences(of: "{\(index)}", with: try argument.string())
                }
                return text
            }
        }
        for key in ["shortDescription", "fullDescription"] {
            if let text = try rule?.member(key)?.object().member("text")?.string() { return text }
        }
        return ruleID
    }

    private struct Location {
        var path = ""
        var line = 0
        var endLine: Int?
        var snippet: String?
    }

    /// The first location's file and lines; a result without one is about no file (path
    /// empty), one without a start line about the whole file (line 0).
    private func location(_ result: Node) throws(ExternalFindingsError) -> Location {
        var location = Location()
        guard let first = try result.member("locations")?.elements().first,
            let physical = try first.object().member("physicalLocation")?.object()
        else { return location }
        if var artifact = try physical.member("artifactLocation")?.object() {
            if try artifact.member("uri") == nil, let indexNode = try artifact.member("index") {
                let index = try indexNode.integer()
                let artifacts = try run.member("artifacts")?.elements() ?? []
                guard index < artifacts.count else {
                    throw indexNode.failure("artifact \(index) does not exist: the run lists \(artifacts.count)")
                }
                artifact = try artifacts[index].object().required("location").object()
            }
            if let uri = try artifact.member("uri")?.string() {
                location.path = ArtifactPath.resolve(
                    uri: uri, baseID: try artifact.member("uriBaseId")?.string(), bases: bases, scratchRoot: report.scratchRoot)
            }
        }
        if let region = try physical.member("region")?.object() {
            if let start = try region.member("startLine") {
                location.line = try start.integer(in: 1...Int(Int32.max))
                if let endNode = try region.member("endLine") {
                    let end = try endNode.integer(in: 1...Int(Int32.max))
                    guard end >= location.line else { throw endNode.failure("\(end) is before startLine \(location.line)") }
                    location.endLine = end > location.line ? end : nil
                }
            }
            location.snippet = try region.member("snippet")?.object().member("text")?.string()
        }
        return location
    }

    /// Suppressed when every suppression is accepted (a missing status is accepted); the
    /// justification, else the kind, says why.
    private func suppression(_ result: Node) throws(ExternalFindingsError) -> String? {
        let suppressions = try result.member("suppressions")?.elements() ?? []
        guard !suppressions.isEmpty else { return nil }
        var reason: String?
        for suppression in suppressions {
            let object = try suppression.object()
            let status = try object.member("status")?.string() ?? "accepted"
            guard status == "accepted" else { return nil }
            if reason == nil {
                let kind = try object.member("kind")?.string() ?? "external"
                reason = try object.member("justification")?.string() ?? "suppressed (\(kind))"
            }
        }
        return reason.map { ExternalFindings.bounded($0) }
    }
}
