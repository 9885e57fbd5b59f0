import Foundation
import Testing
@testable import AirlockCore

/// Markers on a line and fingerprints in `.airlock/lint-ignore`: a suppressed finding is
/// still reported, marked, and never counts.
@Suite("lint suppression and fingerprints")
struct LintSuppressionTests {
    typealias F = LintFixtures

    static let token = "ghp_" + F.random(F.alphanumeric, 36, seed: 5)

    @Test func aBareMarkerAcceptsEveryRuleOnItsLineOnly() throws {
        let patch = F.creating("a.py", [
            "t = \"\(Self.token)\"; exec(t)  # airlock:allow",
            "u = \"\(Self.token)\"",
        ])
        let findings = LintEngine.scan(patch)
        #expect(findings.map { "\($0.rule)@\($0.line) \($0.suppressed ?? "counts")" } == [
            "github-token@1 marker on the line",
            "code-exec@1 marker on the line",
            "github-token@2 counts",
        ])
    }

    @Test func aMarkerNamingRulesAcceptsOnlyThose() {
        let line = "t = \"\(Self.token)\"; exec(t)  # airlock:allow code-exec, jwt because sandboxed"
        let findings = F.lint("a.py", line)
        #expect(findings.map(\.rule) == ["github-token", "code-exec"])
        #expect(findings.map(\.suppressed) == [nil, LintSuppression.marker])
    }

    @Test func gitleaksMarkerIsHonoured() {
        let findings = F.lint("a.py", "t = \"\(Self.token)\"  # gitleaks:allow")
        #expect(findings.map(\.suppressed) == [LintSuppression.marker])
    }

    @Test func aMarkerDoesNotSuppressFileRules() {
        var patch = F.creating("run.sh", ["# airlock:allow"])
        patch.files[0].newMode = .executable
        #expect(LintEngine.scan(patch).map(\.suppressed) == [nil])
    }

    @Test func fingerprintsSurviveLineMovesAndIndentationButNotOtherFiles() {
        let at1 = F.lint("a.py", "t = \"\(Self.token)\"")
        let moved = LintEngine.scan(Patch(files: [FilePatch(operation: .modify, oldPath: "a.py", newPath: "a.py", hunks: [
            Hunk(oldStart: 40, oldCount: 0, newStart: 41, newCount: 1, lines: [HunkLine(.added, "\t  t = \"\(Self.token)\"  \r\n")]),
        ])]))
        #expect(at1.first?.line == 1)
        #expect(moved.first?.line == 41)
        #expect(at1.first?.fingerprint == moved.first?.fingerprint)
        #expect(at1.first?.fingerprint != F.lint("b.py", "t = \"\(Self.token)\"").first?.fingerprint)
        #expect(at1.first?.fingerprint != F.lint("a.py", "s = \"\(Self.token)\"").first?.fingerprint)
        let fingerprint = at1.first?.fingerprint ?? ""
        #expect(fingerprint.hasPrefix("a.py:github-token:"))
        #expect(fingerprint.count == "a.py:github-token:".count + 16)
    }

    @Test func aListedFingerprintSuppressesThatFindingOnly() throws {
        let patch = F.creating("a.py", ["t = \"\(Self.token)\"", "exec(t)"])
        let before = LintEngine.scan(patch)
        let ignore = try LintIgnore.parse("# accepted by alice\n\(before[0].fingerprint)  # test token\n", file: "lint-ignore")
        let after = LintEngine.scan(patch, ignore: ignore)
        #expect(after.map(\.rule) == before.map(\.rule))
        #expect(after.map(\.suppressed) == [LintSuppression.ignoreFile, nil])
        #expect(after[0].suppressed == "fingerprint in .airlock/lint-ignore")
    }

    @Test func aFileRuleIsSuppressedByItsFingerprint() throws {
        let patch = Patch(files: [FilePatch(operation: .modify, oldPath: "Cargo.lock", newPath: "Cargo.lock")])
        let fingerprint = try #require(LintEngine.scan(patch).first?.fingerprint)
        #expect(fingerprint == LintFingerprint.make(rule: "lock-file-change", path: "Cargo.lock"))
        let ignored = LintEngine.scan(patch, ignore: LintIgnore(fingerprints: [fingerprint]))
        #expect(ignored.map(\.suppressed) == [LintSuppression.ignoreFile])
    }

    @Test func hostilePathsGiveFingerprintsSafeToPrintThatStillDiffer() {
        let a = LintFingerprint.make(rule: "jwt", path: "x\u{1b}]0;t\u{07}.py", content: Array("k".utf8))
        let b = LintFingerprint.make(rule: "jwt", path: "x\\x1b]0;t\\x07.py", content: Array("k".utf8))
        #expect(!a.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f })
        #expect(a.hasPrefix("x\\x1b]0;t\\x07.py:jwt:"))
        #expect(a != b)
    }

    // MARK: - the ignore file

    @Test func malformedIgnoreLinesNameFileAndLine() {
        let cases: [(String, Int, String)] = [
            ("# c\n\njust-a-word\n", 3, "expected a fingerprint"),
            ("a.py:Bad_Rule:0123456789abcdef\n", 1, "is not a rule id"),
            ("ok.py:jwt:0123456789abcdef\na.py:jwt:0123\n", 2, "16 lowercase hex digits"),
            ("a.py:jwt:0123456789ABCDEF\n", 1, "16 lowercase hex digits"),
            (":jwt:0123456789abcdef\n", 1, "no path"),
        ]
        for (text, line, message) in cases {
            #expect(throws: LintIgnoreError.self) { try LintIgnore.parse(text, file: ".airlock/lint-ignore") }
            do {
                _ = try LintIgnore.parse(text, file: ".airlock/lint-ignore")
            } catch {
                #expect(error.line == line)
                #expect(error.description.hasPrefix(".airlock/lint-ignore:\(line): "), "\(error)")
                #expect(error.message.contains(message), "\(error)")
            }
        }
    }

    @Test func ignoreFileAcceptsCommentsPathsWithColonsAndCRLF() throws {
        let ignore = try LintIgnore.parse("# header\r\n  src/a:b.py:jwt:0123456789abcdef  # why\r\n\r\n", file: "f")
        #expect(ignore.fingerprints == ["src/a:b.py:jwt:0123456789abcdef"])
    }

    @Test func readingAWorkspaceWithoutIgnoreFileIgnoresNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lint-ignore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".airlock"), withIntermediateDirectories: true)
        #expect(try LintIgnore.read(workspace: dir) == .none)
        try Data("a.py:jwt:0123456789abcdef\n".utf8).write(to: dir.appendingPathComponent(LintIgnore.relativePath))
        #expect(try LintIgnore.read(workspace: dir).fingerprints == ["a.py:jwt:0123456789abcdef"])
        try Data("a.py:jwt:nothex\n".utf8).write(to: dir.appendingPathComponent(LintIgnore.relativePath))
        #expect(throws: LintIgnoreError.self) { try LintIgnore.read(workspace: dir) }
    }
}
