/// The size and path gates of `[gates]` in config.toml, evaluated on a canonical patch.
/// A failed gate does not refuse anything by itself: approving past it needs a typed
/// override reason, which the decision records.
public enum PolicyGates {
    public static let protectedPaths = "protected_paths"
    public static let maxFiles = "max_files"
    public static let maxLines = "max_lines"

    /// One result per gate, in the order `protected_paths`, `max_files`, `max_lines`.
    public static func evaluate(_ patch: Patch, gates: WorkspaceConfig.Gates) -> [GateResult] {
        [
            protectedPaths(patch, patterns: gates.protectedPaths),
            maxFiles(patch, limit: gates.maxFiles),
            maxLines(patch, limit: gates.maxLines),
        ]
    }

    // MARK: - protected_paths

    /// Every path the patch names counts: both sides of a rename, and the source of a copy
    /// too (its content leaves the protected place). A pattern that is not a valid glob
    /// fails the gate rather than protecting nothing.
    static func protectedPaths(_ patch: Patch, patterns: [String]) -> GateResult {
        guard !patterns.isEmpty else {
            return GateResult(gate: protectedPaths, passed: true, detail: "off: no protected_paths patterns")
        }
        var globs: [PathGlob] = []
        var problems: [String] = []
        for pattern in patterns {
            do throws(PathGlobError) {
                globs.append(try PathGlob(pattern))
            } catch {
                problems.append("\(code(pattern)) is not a valid glob: \(error.reason)")
            }
        }
        for path in touchedPaths(patch) {
            let matched = globs.filter { $0.matches(path) }
            guard !matched.isEmpty else { continue }
            problems.append("\(code(path)) matches \(matched.map { code($0.pattern) }.joined(separator: ", "))")
        }
        guard problems.isEmpty else {
            return GateResult(gate: protectedPaths, passed: false, detail: problems.joined(separator: "; "))
        }
        let count = counted(patterns.count, "protected pattern")
        return GateResult(gate: protectedPaths, passed: true, detail: "no path matches the \(count)")
    }

    /// Each path once, in patch order, old before new.
    static func touchedPaths(_ patch: Patch) -> [String] {
        var seen = Set<String>()
        var paths: [String] = []
        for file in patch.files {
            for path in [file.oldPath, file.newPath].compactMap({ $0 }) where seen.insert(path).inserted {
                paths.append(path)
            }
        }
        return paths
    }

    // MARK: - max_files and max_lines

    static func maxFiles(_ patch: Patch, limit: Int) -> GateResult {
        let files = counted(patch.files.count, "file")
        return sizeGate(maxFiles, measured: patch.files.count, shown: files, limit: limit, note: "")
    }

    /// Added plus removed lines; binary files have none, and the detail says so.
    static func maxLines(_ patch: Patch, limit: Int) -> GateResult {
        let total = patch.files.reduce(0) { $0 + $1.addedLineCount + $1.removedLineCount }
        let binaries = patch.files.count { $0.binary != nil }
        let note = binaries == 0 ? "" : " (\(counted(binaries, "binary file")) not counted)"
        return sizeGate(maxLines, measured: total, shown: counted(total, "line"), limit: limit, note: note)
    }

    /// A limit of 0 (or less) turns the gate off.
    private static func sizeGate(_ gate: String, measured: Int, shown: String, limit: Int, note: String) -> GateResult {
        guard limit > 0 else {
            return GateResult(gate: gate, passed: true, detail: "off (\(gate) = \(limit)); \(shown)\(note)")
        }
        let passed = measured <= limit
        return GateResult(gate: gate, passed: passed, detail: "\(shown) \(passed ? "<=" : ">") \(grouped(limit))\(note)")
    }

    // MARK: - Text

    /// `1 file`, `1,204 lines`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(grouped(count)) \(noun)\(count == 1 ? "" : "s")"
    }

    /// Digits in groups of three, the same in every locale: `1,204`.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        var text = number < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }

    /// A path or pattern in backticks, escaped for the terminal: an agent chose it.
    private static func code(_ text: String) -> String {
        "`\(VisibleText.escape(text))`"
    }
}
