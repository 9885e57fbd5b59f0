@testable import AirlockCore

/// Patches and fake secrets for the lint tests. Secrets are built at run time from a
/// fixed-seed generator, so no token-shaped literal sits in the repository for a
/// scanner to flag.
enum LintFixtures {
    static let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let lower = "abcdefghijklmnopqrstuvwxyz"
    static let digits = "0123456789"
    static let alphanumeric = upper + lower + digits
    static let hex = "0123456789abcdef"

    /// `count` characters of `alphabet`, spread evenly enough to look random.
    static func random(_ alphabet: String, _ count: Int, seed: UInt64 = 42) -> String {
        let characters = Array(alphabet)
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return String((0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return characters[Int((state >> 33) % UInt64(characters.count))]
        })
    }

    /// A patch that creates `path` with these lines.
    static func creating(_ path: String, _ lines: [String]) -> Patch {
        let hunk = Hunk(
            oldStart: 0, oldCount: 0, newStart: 1, newCount: lines.count,
            lines: lines.map { HunkLine(.added, $0 + "\n") })
        return Patch(files: [FilePatch(operation: .create, oldPath: nil, newPath: path, hunks: [hunk])])
    }

    static func lint(_ path: String, _ line: String, rules: [LintRule] = LintRules.all) -> [LintFinding] {
        LintEngine.scan(creating(path, [line]), rules: rules)
    }

    /// The built-in line rules, without the file rules (for tests of long lines, which
    /// the minified-line rule would also report).
    static let lineRules = LintRules.all.filter { $0.target == .line }
}
