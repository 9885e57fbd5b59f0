import Foundation

/// One lint rule as data: what it looks for, how bad a match is, and the cheap tests
/// that let most lines skip its regular expression.
public struct LintRule: Sendable {
    /// What to do with a match whose secret is more predictable than `minimumEntropy`.
    public enum LowEntropy: Sendable, Equatable {
        /// Not reported (a placeholder such as `xxxx`).
        case ignore
        /// Reported at this severity instead, with a message saying why.
        case report(LintSeverity)
    }

    public let id: String
    public let severity: LintSeverity
    public let description: String
    /// Lowercase words of which a line must contain at least one before the pattern runs
    /// (as gitleaks' keywords); empty means the pattern always runs.
    public let keywords: [String]
    /// The keywords as UTF-8, made once.
    let keywordBytes: [[UInt8]]
    let pattern: LintPattern
    /// The capture group holding the secret: it is masked in excerpts and measured for
    /// entropy. Nil for rules about code, whose match is shown as it is.
    let secretGroup: Int?
    /// Bits per character the secret must reach to be reported at `severity`.
    let minimumEntropy: Double?
    let lowEntropy: LowEntropy
    /// File globs the rule is limited to; empty means every file.
    let files: [LintGlob]

    init?(
        id: String, severity: LintSeverity, description: String, keywords: [String], pattern: String,
        secretGroup: Int? = nil, minimumEntropy: Double? = nil, lowEntropy: LowEntropy = .ignore, files: [String] = []
    ) {
        guard let pattern = LintPattern(pattern) else { return nil }
        self.id = id
        self.severity = severity
        self.description = description
        self.keywords = keywords.map { $0.lowercased() }
        keywordBytes = self.keywords.map { Array($0.utf8) }
        self.pattern = pattern
        self.secretGroup = secretGroup
        self.minimumEntropy = minimumEntropy
        self.lowEntropy = lowEntropy
        self.files = files.map(LintGlob.init)
    }

    /// The file globs as written, for listings.
    public var fileGlobs: [String] { files.map(\.pattern) }

    /// Whether the rule looks at a file at all.
    func applies(to path: String) -> Bool {
        files.isEmpty || files.contains { $0.matches(path) }
    }
}

/// A compiled regular expression. `NSRegularExpression` is immutable once made and
/// documented as safe to use from several threads, which is why this box may be shared.
struct LintPattern: @unchecked Sendable {
    let regex: NSRegularExpression

    init?(_ source: String) {
        guard let regex = try? NSRegularExpression(pattern: source, options: []) else { return nil }
        self.regex = regex
    }
}
