/// How external tools' levels become Airlock's severities, in one place.
///
/// | what the tool says | critical | high | medium | low | info |
/// | --- | --- | --- | --- | --- | --- |
/// | SARIF `properties["security-severity"]` (a 0–10 score, GitHub's convention) | ≥ 9.0 | ≥ 7.0 | ≥ 4.0 | > 0 | 0 |
/// | bandit `issue_severity` (its JSON, and its SARIF results' properties) | | `HIGH` | `MEDIUM` | `LOW` | anything else |
/// | SARIF `level` | | `error` | `warning` | `note` | `none` |
/// | shellcheck `level` | | `error` | `warning` | `info` | `style` |
///
/// A SARIF result's level is its own `level`, else its rule's
/// `defaultConfiguration.level` (semgrep puts it there), else `warning`; a result whose
/// `kind` is not `fail` (`review`, `open`, `informational`) is at level `none`. Where a
/// result or its rule carries a security-severity score, the score decides, being finer;
/// else bandit's `issue_severity`, else the level. SARIF has no level above `error`, so
/// only a score reaches `critical`.
enum ExternalSeverity {
    static let sarifLevels = ["none", "note", "warning", "error"]

    static func sarif(level: String) -> LintSeverity? {
        switch level {
        case "error": .high
        case "warning": .medium
        case "note": .low
        case "none": .info
        default: nil
        }
    }

    /// A score outside 0–10 is not one: nil.
    static func securitySeverity(_ score: Double) -> LintSeverity? {
        guard score.isFinite, (0...10).contains(score) else { return nil }
        switch score {
        case 9...: return .critical
        case 7...: return .high
        case 4...: return .medium
        case 0: return .info
        default: return .low
        }
    }

    static func bandit(_ severity: String) -> LintSeverity {
        switch severity.uppercased() {
        case "HIGH": .high
        case "MEDIUM": .medium
        case "LOW": .low
        default: .info
        }
    }

    static func shellcheck(level: String) -> LintSeverity? {
        switch level {
        case "error": .high
        case "warning": .medium
        case "info": .low
        case "style": .info
        default: nil
        }
    }

    // MARK: - export

    /// The SARIF level a severity is exported at: the inverse of `sarif(level:)`, with
    /// `critical` as `error`.
    static func sarifLevel(for severity: LintSeverity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "note"
        case .info: "none"
        }
    }

    /// The score a severity is exported with: inside its band of `securitySeverity(_:)`,
    /// so that reading the export back gives the same severity.
    static func securityScore(for severity: LintSeverity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "2.0"
        case .info: "0.0"
        }
    }
}
