/// The formats of external linters' reports that Airlock imports.
public enum ExternalFindingsFormat: String, Codable, Sendable, CaseIterable {
    /// SARIF 2.1.0 (semgrep `--sarif`, gitleaks `-f sarif`, bandit with `bandit[sarif]`,
    /// and Airlock's own export).
    case sarif
    /// shellcheck `-f json` (an array of comments) or `-f json1` (`{"comments": [...]}`).
    case shellcheckJSON = "shellcheck-json"
    /// bandit `-f json`.
    case banditJSON = "bandit-json"
}

/// A linter report that cannot be read as what it claims to be: where in the document
/// and why. Never an empty list of findings: a check whose report is malformed ends in
/// `error`.
public struct ExternalFindingsError: Error, Equatable, Sendable, CustomStringConvertible {
    public var format: ExternalFindingsFormat
    /// The configured linter the report came from, when known.
    public var source: String?
    /// The JSON path of the value at fault (`runs[0].results[3].locations`); empty for
    /// the document as a whole.
    public var path: String
    public var reason: String

    public init(format: ExternalFindingsFormat, source: String? = nil, path: String, reason: String) {
        self.format = format
        self.source = source
        self.path = path
        self.reason = reason
    }

    /// `semgrep (sarif): runs[0].results[3].locations: expected an array`.
    public var description: String {
        let what = source.map { "\($0) (\(format.rawValue))" } ?? format.rawValue
        return path.isEmpty ? "\(what): \(reason)" : "\(what): \(path): \(reason)"
    }
}
