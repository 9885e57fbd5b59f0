import Foundation

/// Scans added lines one at a time: one keyword pass over the bytes, and only for a line
/// that holds some rule's keyword a `String` and the regular expressions of those rules.
/// One scanner per thread: it keeps scratch state between lines.
struct LintLineScanner {
    let set: LintRuleSet
    let ignore: LintIgnore
    private(set) var work = LintWork()
    /// `triggered[r] == stamp` when line rule `r`'s keyword occurs in the current line;
    /// bumping the stamp clears it for the next line.
    private var triggered: [Int]
    private var stamp = 0

    init(set: LintRuleSet, ignore: LintIgnore) {
        self.set = set
        self.ignore = ignore
        triggered = Array(repeating: 0, count: set.lineRules.count)
    }

    mutating func scan(_ unit: LintUnit, of patch: Patch, allowed: [Bool], into found: inout [(file: Int, finding: LintFinding)]) {
        let file = patch.files[unit.file]
        let path = file.path
        let hunk = file.hunks[unit.hunk]
        let longLine = set.longLineRule.flatMap { $0.rule.applies(to: path) ? $0 : nil }
        var longLineReported = false
        var number = hunk.newStart
        hunk.withUnsafeLines { lines in
            for i in lines.indices {
                switch lines.kind(i) {
                case .removed: continue
                case .context: number += 1
                case .added:
                    var text = lines.text(i)
                    if text.last == UInt8(ascii: "\n") { text = UnsafeBufferPointer(rebasing: text.dropLast()) }
                    if text.last == UInt8(ascii: "\r") { text = UnsafeBufferPointer(rebasing: text.dropLast()) }
                    var findings: [LintFinding] = []
                    if let longLine, !longLineReported, text.count >= longLine.bytes {
                        longLineReported = true
                        findings.append(LintFinding(
                            rule: longLine.rule.id, severity: longLine.rule.severity, path: path, line: number,
                            message: "\(longLine.rule.description): \(text.count) bytes", excerpt: ""))
                    }
                    scan(line: text, path: path, lineNumber: number, allowed: allowed, into: &findings)
                    for finding in findings { found.append((unit.file, finding)) }
                    number += 1
                }
            }
        }
    }

    // MARK: - one line

    private mutating func scan(line whole: UnsafeBufferPointer<UInt8>, path: String, lineNumber: Int, allowed: [Bool], into findings: inout [LintFinding]) {
        work.linesScanned += 1
        var bytes = whole
        if bytes.count > LintEngine.maximumLintedLength {
            // A pattern's cost grows with the line times its longest repetition; past this
            // length a hostile line (`eyJ-eyJ-…`) would take seconds. The rest is not
            // linted, and the finding says so rather than passing it silently.
            findings.append(LintFinding(
                rule: LintEngine.truncatedLineRule, severity: .info, path: path, line: lineNumber,
                message: "line of \(bytes.count) bytes: only its first \(LintEngine.maximumLintedLength) were linted", excerpt: ""))
            bytes = UnsafeBufferPointer(rebasing: bytes[..<LintEngine.maximumLintedLength])
        }
        stamp += 1
        let current = stamp
        let hit = triggered.withUnsafeMutableBufferPointer { triggered in
            set.automaton.scan(bytes) { triggered[$0] = current }
        }
        if hit { runPatterns(on: bytes, path: path, lineNumber: lineNumber, allowed: allowed, into: &findings) }
        guard !findings.isEmpty else { return }
        let line = String(decoding: bytes, as: UTF8.self)
        for i in findings.indices {
            findings[i].fingerprint = LintFingerprint.make(rule: findings[i].rule, path: path, content: bytes)
            if LintSuppression.markerAllows(findings[i].rule, on: line, knownRules: set.ids) {
                findings[i].suppressed = LintSuppression.marker
            } else if ignore.contains(findings[i].fingerprint) {
                findings[i].suppressed = LintSuppression.ignoreFile
            }
        }
    }

    /// Whether `needle` occurs in `line`, byte for byte.
    private static func contains(_ line: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard let base = line.baseAddress, needle.count <= line.count else { return false }
        let last = line.count - needle.count
        var start = 0
        return needle.withUnsafeBufferPointer { needle in
            guard let wanted = needle.baseAddress else { return true }
            while start <= last {
                guard let found = memchr(base + start, Int32(first), last - start + 1) else { return false }
                let offset = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                if memcmp(base + offset, wanted, needle.count) == 0 { return true }
                start = offset + 1
            }
            return false
        }
    }

    private mutating func runPatterns(on bytes: UnsafeBufferPointer<UInt8>, path: String, lineNumber: Int, allowed: [Bool], into findings: inout [LintFinding]) {
        let line = String(decoding: bytes, as: UTF8.self)
        let whole = NSRange(line.startIndex..<line.endIndex, in: line)
        // Ranges of secrets already reported on this line: a later, more generic rule
        // matching the same bytes adds nothing.
        var secretRanges: [NSRange] = []
        for (r, rule) in set.lineRules.enumerated() where triggered[r] == stamp && allowed[r] {
            guard let pattern = rule.pattern else { continue }
            if let exact = set.exactKeywords[r], !exact.contains(where: { Self.contains(bytes, $0) }) { continue }
            work.regexRuns += 1
            guard let match = pattern.regex.firstMatch(in: line, options: [], range: whole) else { continue }
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
    }
}
