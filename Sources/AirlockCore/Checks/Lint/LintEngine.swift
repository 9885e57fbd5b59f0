import Foundation

/// Runs lint rules over the lines a patch adds: pure, no file system, no process.
public enum LintEngine {
    /// The findings for every added line of `patch`, in patch order, each with the
    /// line's number in the new file.
    public static func scan(_ patch: Patch, rules: [LintRule] = LintRules.all) -> [LintFinding] {
        var work = LintWork()
        return scan(patch, rules: rules, work: &work)
    }

    /// As `scan(_:rules:)`, counting the work done, for tests that bound it.
    static func scan(_ patch: Patch, rules: [LintRule], work: inout LintWork) -> [LintFinding] {
        var findings: [LintFinding] = []
        for file in patch.files where file.binary == nil && file.newPath != nil {
            let path = file.path
            let fileRules = rules.filter { $0.applies(to: path) }
            guard !fileRules.isEmpty else { continue }
            for hunk in file.hunks {
                var lineNumber = hunk.newStart
                for line in hunk.lines {
                    switch line.kind {
                    case .removed:
                        continue
                    case .context:
                        lineNumber += 1
                    case .added:
                        findings += scan(line: line.text, path: path, lineNumber: lineNumber, rules: fileRules, work: &work)
                        lineNumber += 1
                    }
                }
            }
        }
        return findings
    }

    /// Bytes of a line that the patterns see; a longer line is linted up to here.
    static let maximumLintedLength = 64 * 1024
    /// The rule id of the finding that says a line was linted only in part.
    public static let truncatedLineRule = "line-too-long-to-lint"

    // MARK: - one line

    private static func scan(line raw: Bytes, path: String, lineNumber: Int, rules: [LintRule], work: inout LintWork) -> [LintFinding] {
        work.linesScanned += 1
        var bytes = Array(raw)
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        var findings: [LintFinding] = []
        if bytes.count > maximumLintedLength {
            // A pattern's cost grows with the line times its longest repetition; past this
            // length a hostile line (`eyJ-eyJ-…`) would take seconds. The rest is not
            // linted, and the finding says so rather than passing it silently.
            findings.append(LintFinding(
                rule: truncatedLineRule, severity: .info, path: path, line: lineNumber,
                message: "line of \(bytes.count) bytes: only its first \(maximumLintedLength) were linted", excerpt: ""))
            bytes.removeSubrange(maximumLintedLength...)
        }
        let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var text: String?
        // Ranges of secrets already reported on this line: a later, more generic rule
        // matching the same bytes adds nothing.
        var secretRanges: [NSRange] = []
        for rule in rules {
            guard rule.keywords.isEmpty || rule.keywordBytes.contains(where: { KeywordSearch.contains(lowered, $0) }) else { continue }
            let line = text ?? String(decoding: bytes, as: UTF8.self)
            text = line
            work.regexRuns += 1
            let whole = NSRange(line.startIndex..<line.endIndex, in: line)
            guard let match = rule.pattern.regex.firstMatch(in: line, options: [], range: whole) else { continue }
            var severity = rule.severity
            var message = rule.description
            var secret: NSRange?
            if let group = rule.secretGroup, group < match.numberOfRanges, match.range(at: group).location != NSNotFound {
                let range = match.range(at: group)
                if secretRanges.contains(where: { NSIntersectionRange($0, range).length > 0 }) { continue }
                secret = range
                if let floor = rule.minimumEntropy, let value = Range(range, in: line) {
                    let entropy = ShannonEntropy.bitsPerCharacter(line[value])
                    if entropy < floor {
                        switch rule.lowEntropy {
                        case .ignore: continue
                        case .report(let lower):
                            severity = lower
                            message += String(format: " (low entropy, %.1f bits per character: likely a placeholder)", entropy)
                        }
                    }
                }
                secretRanges.append(range)
            }
            findings.append(LintFinding(
                rule: rule.id, severity: severity, path: path, line: lineNumber, message: message,
                excerpt: LintExcerpt.make(line: line, match: match.range, secret: secret)))
        }
        return findings
    }
}

/// What a scan did, so tests can bound the work without timing it.
struct LintWork: Equatable {
    var linesScanned = 0
    /// Regular expressions evaluated: one per rule whose keyword a line contained.
    var regexRuns = 0
}

/// Substring search on lowercased bytes: `memchr` to the next candidate first byte.
enum KeywordSearch {
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            guard let base = hay.baseAddress else { return false }
            let last = hay.count - needle.count
            var start = 0
            while start <= last {
                guard let found = memchr(base + start, Int32(first), last - start + 1) else { return false }
                let offset = found.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
                var matched = true
                for i in 1..<needle.count where hay[offset + i] != needle[i] {
                    matched = false
                    break
                }
                if matched { return true }
                start = offset + 1
            }
            return false
        }
    }
}
