extension ExternalFindings {
    /// The findings about what `patch` adds: on a line it adds (numbered in the new
    /// file), or spanning one (a finding's `line...endLine`), or about a whole file it
    /// touches (line 0). A linter sees the whole scratch copy; what was there before the
    /// proposal is not the proposal's doing.
    public static func limit(_ findings: [LintFinding], to patch: Patch) -> [LintFinding] {
        let added = AddedLines(patch)
        return findings.filter { added.covers($0) }
    }
}

/// The new-file numbers of the lines a patch adds, by path, sorted.
struct AddedLines {
    private var lines: [String: [Int]] = [:]

    init(_ patch: Patch) {
        for file in patch.files where file.newPath != nil {
            var numbers = lines[file.path] ?? []
            for hunk in file.hunks {
                var number = hunk.newStart
                for line in hunk.lines {
                    switch line.kind {
                    case .removed: continue
                    case .context: number += 1
                    case .added:
                        numbers.append(number)
                        number += 1
                    }
                }
            }
            lines[file.path] = numbers.sorted()
        }
    }

    /// Whether the finding is about the patch's additions.
    func covers(_ finding: LintFinding) -> Bool {
        guard let numbers = lines[finding.path] else { return false }
        guard finding.line > 0 else { return true }
        let last = max(finding.line, finding.endLine ?? finding.line)
        // The first added line at or after the finding's start: inside its span or not.
        var low = 0, high = numbers.count
        while low < high {
            let middle = (low + high) / 2
            if numbers[middle] < finding.line { low = middle + 1 } else { high = middle }
        }
        return low < numbers.count && numbers[low] <= last
    }
}
