/// External linters' reports read as lint findings: SARIF 2.1.0 (semgrep, gitleaks,
/// bandit with its SARIF formatter), shellcheck's JSON and bandit's JSON. Pure: bytes in,
/// findings out; running the linters is the check runner's business.
///
/// Rule ids are prefixed with the tool (`bandit:B602`, `shellcheck:SC2086`,
/// `semgrep:python.lang.security…`) so they never pass for a built-in rule. Paths are
/// made relative to the scratch copy the linter ran on. Messages and paths are the
/// tools' text, unescaped, as the built-in findings' paths are: escape them before they
/// reach a terminal. Excerpts are empty: a tool's snippet may be the very secret it
/// found (gitleaks' is), and the diff shows the line; only the run of Airlock's own
/// export gives its excerpts back (masked when exported, escaped again when read).
/// Severities: see `ExternalSeverity`.
public enum ExternalFindings {
    /// Reads a report of `format`, or of the format its shape shows when `format` is nil.
    ///
    /// - Parameters:
    ///   - source: the configured linter's name; for SARIF, the prefix of every rule id.
    ///   - scratchRoot: the directory the linter ran in; absolute paths inside it are made
    ///     relative to it.
    public static func parse(
        _ bytes: [UInt8], format: ExternalFindingsFormat? = nil, source: String? = nil, scratchRoot: String? = nil
    ) throws(ExternalFindingsError) -> [LintFinding] {
        let root = try LinterJSON.parse(bytes, format: format ?? .sarif, source: source)
        guard let format = format ?? detectedFormat(root.value) else {
            throw ExternalFindingsError(
                format: .sarif, source: source, path: "",
                reason: "not a report Airlock reads: expected SARIF (`runs`), shellcheck's JSON (an array or `comments`) or bandit's JSON (`results`)")
        }
        let named = LinterJSON.Node(value: root.value, path: "", origin: .init(format: format, source: source))
        switch format {
        case .sarif: return try SARIFReport(named, source: source, scratchRoot: scratchRoot).findings()
        case .shellcheckJSON: return try ShellCheckReport.findings(named, scratchRoot: scratchRoot)
        case .banditJSON: return try BanditReport.findings(named, scratchRoot: scratchRoot)
        }
    }

    /// Reads a SARIF 2.1.0 log.
    ///
    /// - Parameters:
    ///   - source: the configured linter's name, the prefix of every rule id whatever the
    ///     log calls its tool (a linter's configuration in the agent's scratch copy must not
    ///     be able to pass its results off as Airlock's). Nil when reading Airlock's own
    ///     export or a log of unknown origin: each run's prefix is then its driver's name
    ///     (its first word, lowercased: `Semgrep OSS` gives `semgrep`), and the run named
    ///     `airlock` gives the built-in rule ids as they are.
    ///   - unleveled: the severity of a result for which neither it nor its rule gives a
    ///     level or a score (SARIF's default level `warning` is `medium`). gitleaks gives none.
    public static func parseSARIF(
        _ bytes: [UInt8], source: String? = nil, scratchRoot: String? = nil, unleveled: LintSeverity = .medium
    ) throws(ExternalFindingsError) -> [LintFinding] {
        let root = try LinterJSON.parse(bytes, format: .sarif, source: source)
        return try SARIFReport(root, source: source, scratchRoot: scratchRoot, unleveled: unleveled).findings()
    }

    /// Reads shellcheck's `-f json` (an array of comments) or `-f json1` (`{"comments": […]}`).
    public static func parseShellCheck(_ bytes: [UInt8], scratchRoot: String? = nil) throws(ExternalFindingsError) -> [LintFinding] {
        try ShellCheckReport.findings(LinterJSON.parse(bytes, format: .shellcheckJSON, source: "shellcheck"), scratchRoot: scratchRoot)
    }

    /// Reads bandit's `-f json`: its results, and the files it could not scan (as findings,
    /// since an agent may write a file bandit cannot parse to slip past it).
    public static func parseBandit(_ bytes: [UInt8], scratchRoot: String? = nil) throws(ExternalFindingsError) -> [LintFinding] {
        try BanditReport.findings(LinterJSON.parse(bytes, format: .banditJSON, source: "bandit"), scratchRoot: scratchRoot)
    }

    /// The format a report's shape shows, if it is one Airlock reads.
    public static func detectFormat(_ bytes: [UInt8]) -> ExternalFindingsFormat? {
        guard let root = try? LinterJSON.parse(bytes, format: .sarif, source: nil) else { return nil }
        return detectedFormat(root.value)
    }

    private static func detectedFormat(_ value: LinterJSON) -> ExternalFindingsFormat? {
        switch value {
        case .array:
            return .shellcheckJSON
        case .object(let members):
            if members["runs"] != nil { return .sarif }
            if members["comments"] != nil { return .shellcheckJSON }
            if members["results"] != nil { return .banditJSON }
            return nil
        default:
            return nil
        }
    }

    // MARK: - shared by the readers

    /// Messages longer than this are cut: a report is the tool's text, and a hostile one
    /// must not fill the store or the screen.
    static let maximumMessageLength = 1000

    static func bounded(_ text: String, to limit: Int = maximumMessageLength) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }

    /// A path as a linter printed it (not a URI): relative to `scratchRoot` when inside it.
    static func localPath(_ raw: String, scratchRoot: String?) -> String {
        let path = ArtifactPath.normalized(raw)
        guard path.hasPrefix("/") else { return path }
        return ArtifactPath.relative(path, to: scratchRoot.map(ArtifactPath.normalized))
    }
}
