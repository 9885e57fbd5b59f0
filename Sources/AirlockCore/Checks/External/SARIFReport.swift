/// One SARIF 2.1.0 log read into findings, every complaint naming its JSON path.
struct SARIFReport {
    typealias Node = LinterJSON.Node

    let root: Node
    let source: String?
    let scratchRoot: String?
    let unleveled: LintSeverity

    init(_ root: Node, source: String?, scratchRoot: String?, unleveled: LintSeverity = .medium) {
        self.root = root
        self.source = source
        self.scratchRoot = scratchRoot
        self.unleveled = unleveled
    }

    /// The driver name of the run that holds Airlock's built-in rules.
    static let airlockDriver = "airlock"

    func findings() throws(ExternalFindingsError) -> [LintFinding] {
        let log = try root.object()
        let version = try log.required("version")
        guard try version.string() == "2.1.0" else {
            throw version.failure("expected \"2.1.0\", found \(Self.quoted(try version.string())): only SARIF 2.1.0 is read")
        }
        var findings: [LintFinding] = []
        for run in try log.required("runs").elements() {
            findings += try SARIFRun(run, report: self).findings()
        }
        return findings
    }

    /// The prefix of a run's rule ids: the configured source, else the driver's first
    /// word; nil for Airlock's own run read back without a source.
    func rulePrefix(driverName: String) -> String? {
        if let source { return source }
        let word = driverName.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map { $0.lowercased() } ?? ""
        let kept = String(word.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) })
        if kept == Self.airlockDriver { return nil }
        return kept.isEmpty ? "sarif" : kept
    }

    static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        CanonicalJSON.appendString(VisibleText.escape(ExternalFindings.bounded(text, to: 80)), to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
