import Foundation

/// Runs lint rules over a patch: line rules on the lines it adds, file rules on the
/// files it touches. Pure: no file system, no process.
public enum LintEngine {
    /// The findings of `patch`, in patch order: per file, its file-rule findings first,
    /// then its added lines' findings with their numbers in the new file. Findings that
    /// a marker on the line or `ignore` accepts are kept, with `suppressed` set.
    public static func scan(_ patch: Patch, rules: [LintRule] = LintRules.all, ignore: LintIgnore = .none) -> [LintFinding] {
        var work = LintWork()
        return scan(patch, rules: rules, ignore: ignore, work: &work)
    }

    /// As `scan(_:rules:ignore:)`, counting the work done, for tests that bound it.
    static func scan(_ patch: Patch, rules: [LintRule], ignore: LintIgnore = .none, work: inout LintWork) -> [LintFinding] {
        let set = rules.map(\.id) == builtInIDs ? LintRuleSet.builtIn : LintRuleSet(rules)
        var units: [LintUnit] = []
        var allowed: [[Bool]] = Array(repeating: [], count: patch.files.count)
        var addedLines = 0
        for (f, file) in patch.files.enumerated() where file.binary == nil && file.newPath != nil {
            let path = Array(file.path.utf8)
            allowed[f] = set.lineRules.map { $0.applies(toPath: path) }
            for (h, hunk) in file.hunks.enumerated() where hunk.addedLineCount > 0 {
                units.append(LintUnit(file: f, hunk: h))
                addedLines += hunk.addedLineCount
            }
        }
        let lineFindings = LintParallelScan.run(
            units: units, parallel: addedLines >= parallelLineThreshold, patch: patch, set: set, allowed: allowed,
            ignore: ignore, work: &work)
        return merge(patch: patch, set: set, ignore: ignore, lineFindings: lineFindings)
    }

    private static let builtInIDs = LintRules.all.map(\.id)
    /// Below about this many added lines one core is faster than coordinating two.
    static let parallelLineThreshold = 20_000

    /// Bytes of a line that the patterns see; a longer line is linted up to here.
    static let maximumLintedLength = 64 * 1024
    /// The rule id of the finding that says a line was linted only in part.
    public static let truncatedLineRule = "line-too-long-to-lint"

    // MARK: - files

    /// Each file's file-rule findings, then its line findings; one long-line finding per file.
    private static func merge(patch: Patch, set: LintRuleSet, ignore: LintIgnore, lineFindings: [(file: Int, finding: LintFinding)]) -> [LintFinding] {
        var findings: [LintFinding] = []
        var next = 0
        let longLineID = set.longLineRule?.rule.id
        for (f, file) in patch.files.enumerated() {
            findings += fileFindings(file, rules: set.fileRules, ignore: ignore)
            var longLineSeen = false
            while next < lineFindings.count, lineFindings[next].file == f {
                let finding = lineFindings[next].finding
                next += 1
                if finding.rule == longLineID {
                    if longLineSeen { continue }
                    longLineSeen = true
                }
                findings.append(finding)
            }
        }
        return findings
    }

    static func fileFindings(_ file: FilePatch, rules: [LintRule], ignore: LintIgnore) -> [LintFinding] {
        var findings: [LintFinding] = []
        let newPath = file.newPath.map { Array($0.utf8) }, oldPath = file.oldPath.map { Array($0.utf8) }
        for rule in rules {
            var message = rule.description
            switch rule.target {
            case .line, .longLine:
                continue
            case .fileChanged:
                guard newPath.map(rule.applies(toPath:)) == true || oldPath.map(rule.applies(toPath:)) == true else { continue }
                if file.newPath == nil { message += " (deleted)" }
            case .executableBit:
                guard file.newPath != nil, file.newMode == .executable, file.oldMode != .executable, newPath.map(rule.applies(toPath:)) == true else { continue }
                if let old = file.oldMode { message += " (was \(old))" }
            case .binaryFile:
                guard file.binary != nil, newPath.map(rule.applies(toPath:)) == true else { continue }
            }
            let fingerprint = LintFingerprint.make(rule: rule.id, path: file.path)
            findings.append(LintFinding(
                rule: rule.id, severity: rule.severity, path: file.path, line: firstAddedLine(of: file), message: message,
                excerpt: "", suppressed: ignore.contains(fingerprint) ? LintSuppression.ignoreFile : nil, fingerprint: fingerprint))
        }
        return findings
    }

    private static func firstAddedLine(of file: FilePatch) -> Int {
        for hunk in file.hunks where hunk.addedLineCount > 0 {
            var number = hunk.newStart
            for line in hunk.lines {
                if line.kind == .added { return number }
                if line.kind == .context { number += 1 }
            }
        }
        return 1
    }
}

/// One hunk of one file, the piece of work a core takes.
struct LintUnit: Sendable {
    var file: Int
    var hunk: Int
}

/// What a scan did, so tests can bound the work without timing it.
struct LintWork: Equatable {
    var linesScanned = 0
    /// Regular expressions evaluated: one per rule whose keyword a line contained.
    var regexRuns = 0
}
