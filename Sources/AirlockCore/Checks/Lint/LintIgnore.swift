import Foundation

/// The fingerprints a workspace has accepted, from `.airlock/lint-ignore`: one per line,
/// `#` starts a comment (a whole line, or after white space at the end of one), blank
/// lines are skipped. Findings whose fingerprint is listed are kept but marked
/// suppressed.
public struct LintIgnore: Equatable, Sendable {
    public var fingerprints: Set<String>

    public init(fingerprints: Set<String> = []) {
        self.fingerprints = fingerprints
    }

    /// Nothing ignored.
    public static let none = LintIgnore()

    /// Where the file lives in a workspace.
    public static let relativePath = ".airlock/lint-ignore"

    /// The workspace's ignore file; `.none` when there is none.
    public static func read(workspace: URL) throws -> LintIgnore {
        let url = workspace.appendingPathComponent(relativePath)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch CocoaError.fileReadNoSuchFile {
            return .none
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LintIgnoreError(file: relativePath, line: nil, message: "is not UTF-8 text")
        }
        return try parse(text, file: relativePath)
    }

    /// Parses the text of an ignore file; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(LintIgnoreError) -> LintIgnore {
        var fingerprints: Set<String> = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            // `\r\n` is one Character, so CRLF files split as LF ones do.
            var line = Substring(raw.trimmingCharacters(in: .whitespaces))
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let comment = line.range(of: #"\s+#.*$"#, options: .regularExpression) { line = line[..<comment.lowerBound] }
            guard let problem = problem(in: line) else {
                fingerprints.insert(String(line))
                continue
            }
            throw LintIgnoreError(file: file, line: index + 1, message: problem)
        }
        return LintIgnore(fingerprints: fingerprints)
    }

    /// Why a line is not a fingerprint (`path:rule:hash`), or nil when it is one.
    private static func problem(in line: Substring) -> String? {
        let parts = line.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3 else {
            return "expected a fingerprint `path:rule:hash` as `airlock lint` prints it, found \(VisibleText.escape(String(line.prefix(80))))"
        }
        let hash = parts[parts.count - 1], rule = parts[parts.count - 2]
        let path = parts.dropLast(2).joined(separator: ":")
        if path.isEmpty { return "the fingerprint has no path" }
        if rule.isEmpty || !rule.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            return "\(VisibleText.escape(String(rule))) is not a rule id (lowercase letters, digits and `-`)"
        }
        if hash.count != LintFingerprint.hashLength || !hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
            return "the hash must be \(LintFingerprint.hashLength) lowercase hex digits, found \(VisibleText.escape(String(hash.prefix(40))))"
        }
        return nil
    }

    func contains(_ fingerprint: String) -> Bool { fingerprints.contains(fingerprint) }
}

/// A malformed `.airlock/lint-ignore`: where, and what is wrong.
public struct LintIgnoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil when the whole file is unusable.
    public var line: Int?
    public var message: String

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

extension LintIgnore {
    /// Marks the findings whose fingerprint is accepted as suppressed (external linters'
    /// findings, which the engine did not make).
    public func apply(to findings: [LintFinding]) -> [LintFinding] {
        findings.map { finding in
            guard finding.suppressed == nil, !finding.fingerprint.isEmpty, fingerprints.contains(finding.fingerprint) else { return finding }
            var suppressed = finding
            suppressed.suppressed = LintSuppression.ignoreFile
            return suppressed
        }
    }
}

extension LintFinding {
    /// Suppressed only by a marker on the line, which the proposal itself wrote: the
    /// reviewer sees it, but it does not let a gate pass.
    public var suppressedByMarker: Bool { suppressed == LintSuppression.marker }
}
