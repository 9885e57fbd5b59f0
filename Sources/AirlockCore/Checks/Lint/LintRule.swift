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

    /// What a rule looks at: each added line, or a file as a whole.
    public enum Target: Sendable, Equatable {
        /// The pattern runs on each added line that holds one of the keywords.
        case line
        /// Any change to a file the globs match (created, modified, renamed, deleted).
        case fileChanged
        /// A file created with, or changed to, mode 100755.
        case executableBit
        /// A binary file created or changed.
        case binaryFile
        /// An added line of at least this many bytes (minified or generated code);
        /// reported once per file, at the first such line.
        case longLine(bytes: Int)

        /// The word listings use: `line` or `file`.
        public var kind: String { self == .line ? "line" : "file" }
    }

    public let id: String
    public let severity: LintSeverity
    public let description: String
    public let target: Target
    /// Words of which a line must contain at least one before the pattern runs (as
    /// gitleaks' keywords). A line rule always has some: a rule without would run its
    /// regular expression on every line.
    public let keywords: [String]
    /// Whether the keywords must occur with the case they are written in: true when the
    /// pattern is case-sensitive, so `SK` (Twilio) does not send every `task` to the
    /// pattern. Otherwise they are lowercase and any case matches.
    public let keywordsMatchCase: Bool
    /// The regular expression of a line rule; nil for file rules.
    let pattern: LintPattern?
    /// The capture group holding the secret: it is masked in excerpts and measured for
    /// entropy. Nil for rules about code, whose match is shown as it is.
    let secretGroup: Int?
    /// Bits per character the secret must reach to be reported at `severity`.
    let minimumEntropy: Double?
    let lowEntropy: LowEntropy
    /// File globs the rule is limited to; empty means every file.
    let files: [LintGlob]

    /// A line rule; nil when the pattern does not compile or there are no keywords
    /// (the rule table's test counts the rules, so a dropped one is noticed).
    init?(
        id: String, severity: LintSeverity, description: String, keywords: [String], pattern: String,
        secretGroup: Int? = nil, minimumEntropy: Double? = nil, lowEntropy: LowEntropy = .ignore, files: [String] = []
    ) {
        guard !keywords.isEmpty, let compiled = LintPattern(pattern) else { return nil }
        self.id = id
        self.severity = severity
        self.description = description
        target = .line
        keywordsMatchCase = !pattern.contains("(?i")
        self.keywords = keywordsMatchCase ? keywords : keywords.map { $0.lowercased() }
        self.pattern = compiled
        self.secretGroup = secretGroup
        self.minimumEntropy = minimumEntropy
        self.lowEntropy = lowEntropy
        self.files = files.map(LintGlob.init)
    }

    /// A rule about whole files: it has no pattern and no keywords.
    init(file id: String, severity: LintSeverity, description: String, target: Target, files: [String] = []) {
        precondition(target != .line, "a file rule needs a file target")
        self.id = id
        self.severity = severity
        self.description = description
        self.target = target
        keywords = []
        keywordsMatchCase = false
        pattern = nil
        secretGroup = nil
        minimumEntropy = nil
        lowEntropy = .ignore
        self.files = files.map(LintGlob.init)
    }

    /// The file globs as written, for listings.
    public var fileGlobs: [String] { files.map(\.pattern) }

    /// The regular expression as written (ICU syntax); nil for file rules.
    public var patternSource: String? { pattern?.regex.pattern }

    /// Whether the rule looks at a file at all.
    func applies(to path: String) -> Bool {
        files.isEmpty || applies(toPath: Array(path.utf8))
    }

    /// As `applies(to:)`, for a path already in UTF-8.
    func applies(toPath path: [UInt8]) -> Bool {
        files.isEmpty || files.contains { $0.matches(path: path) }
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
