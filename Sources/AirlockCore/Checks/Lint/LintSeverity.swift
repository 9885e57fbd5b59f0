/// How much a lint finding matters, from `info` to `critical`; ordered so that
/// `finding.severity >= threshold` reads as "at or above".
public enum LintSeverity: String, Codable, Sendable, CaseIterable, Comparable {
    case info
    case low
    case medium
    case high
    case critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (a: LintSeverity, b: LintSeverity) -> Bool { a.rank < b.rank }
}
