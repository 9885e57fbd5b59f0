import Foundation
import Testing
@testable import AirlockCore

@Suite("PolicyGates")
struct PolicyGatesTests {
    // MARK: - Building patches

    /// A file change with `added` and `removed` lines in one hunk.
    private static func change(
        _ operation: FilePatch.Operation = .modify, _ old: String?, _ new: String?,
        added: Int = 1, removed: Int = 0, binary: Bool = false
    ) -> FilePatch {
        let lines = Array(repeating: HunkLine(.removed, "old\n"), count: removed)
            + Array(repeating: HunkLine(.added, "new\n"), count: added)
        let hunks = binary || lines.isEmpty ? [] : [Hunk(oldStart: 1, oldCount: removed, newStart: 1, newCount: added, lines: lines)]
        return FilePatch(operation: operation, oldPath: old, newPath: new, binary: binary ? .marker : nil, hunks: hunks)
    }

    private static func modify(_ path: String, added: Int = 1, removed: Int = 0) -> FilePatch {
        change(.modify, path, path, added: added, removed: removed)
    }

    private static func patch(files count: Int) -> Patch {
        Patch(files: (0..<count).map { modify("src/f\($0).swift") })
    }

    private func result(_ gate: String, _ patch: Patch, _ gates: WorkspaceConfig.Gates = .init()) -> GateResult? {
        PolicyGates.evaluate(patch, gates: gates).first { $0.gate == gate }
    }

    // MARK: - All gates

    @Test func evaluatesEveryGateInOrder() {
        let results = PolicyGates.evaluate(Self.patch(files: 3), gates: .init())
        #expect(results == [
            GateResult(gate: "protected_paths", passed: true, detail: "no path matches the 4 protected patterns"),
            GateResult(gate: "max_files", passed: true, detail: "3 files <= 50"),
            GateResult(gate: "max_lines", passed: true, detail: "3 lines <= 1,000"),
        ])
    }

    @Test func resultsEncodeAsJSON() throws {
        let result = GateResult(gate: "max_lines", passed: false, detail: "1,204 lines > 1,000")
        let data = try JSONEncoder().encode(result)
        #expect(try JSONDecoder().decode(GateResult.self, from: data) == result)
    }

    // MARK: - protected_paths

    @Test func protectedPathFails() {
        let patch = Patch(files: [Self.modify("src/app.swift"), Self.modify(".github/workflows/ci.yml"), Self.modify("Cargo.lock")])
        #expect(result("protected_paths", patch) == GateResult(
            gate: "protected_paths", passed: false,
            detail: "`.github/workflows/ci.yml` matches `.github/workflows/**`; `Cargo.lock` matches `*.lock`"))
    }

    @Test func aPathMatchingSeveralPatternsNamesThemAll() {
        let patch = Patch(files: [Self.modify("config/.env.lock")])
        #expect(result("protected_paths", patch)?.detail == "`config/.env.lock` matches `.env*`, `*.lock`")
    }

    @Test func renamesCountBothPaths() {
        let intoProtected = Patch(files: [Self.change(.rename, "notes.txt", ".gitlab-ci.yml", added: 0)])
        #expect(result("protected_paths", intoProtected)?.detail == "`.gitlab-ci.yml` matches `.gitlab-ci.yml`")
        let outOfProtected = Patch(files: [Self.change(.rename, ".github/workflows/ci.yml", "ci.yml.disabled", added: 0)])
        #expect(result("protected_paths", outOfProtected) == GateResult(
            gate: "protected_paths", passed: false, detail: "`.github/workflows/ci.yml` matches `.github/workflows/**`"))
        let both = Patch(files: [Self.change(.rename, "a/.env", "b/.env.local", added: 0)])
        #expect(result("protected_paths", both)?.detail == "`a/.env` matches `.env*`; `b/.env.local` matches `.env*`")
    }

    @Test func copiesCountTheirSource() {
        let patch = Patch(files: [Self.change(.copy, ".env", "leak.txt", added: 0)])
        #expect(result("protected_paths", patch)?.passed == false)
    }

    @Test func deletesCount() {
        let patch = Patch(files: [Self.change(.delete, "yarn.lock", nil, added: 0, removed: 40)])
        #expect(result("protected_paths", patch) == GateResult(
            gate: "protected_paths", passed: false, detail: "`yarn.lock` matches `*.lock`"))
    }

    @Test func createsCount() {
        let patch = Patch(files: [Self.change(.create, nil, ".github/workflows/deploy.yml", added: 5)])
        #expect(result("protected_paths", patch)?.passed == false)
    }

    @Test func parsedGitRenameCountsBothPaths() throws {
        let patch = try PatchFixtures.parse("""
            diff --git a/.github/workflows/ci.yml b/tools/ci.yml
            similarity index 100%
            rename from .github/workflows/ci.yml
            rename to tools/ci.yml

            """)
        let gates = WorkspaceConfig.Gates(protectedPaths: ["tools/"])
        #expect(result("protected_paths", patch, gates)?.detail == "`tools/ci.yml` matches `tools/`")
        #expect(result("protected_paths", patch)?.detail == "`.github/workflows/ci.yml` matches `.github/workflows/**`")
    }

    @Test func noPatternsTurnTheGateOff() {
        let patch = Patch(files: [Self.modify(".env")])
        #expect(result("protected_paths", patch, .init(protectedPaths: [])) == GateResult(
            gate: "protected_paths", passed: true, detail: "off: no protected_paths patterns"))
    }

    @Test func passDetailCountsThePatterns() {
        let patch = Patch(files: [Self.modify("README.md")])
        #expect(result("protected_paths", patch, .init(protectedPaths: ["*.lock"]))?.detail == "no path matches the 1 protected pattern")
    }

    @Test func anInvalidPatternFailsClosed() {
        let patch = Patch(files: [Self.modify("README.md")])
        #expect(result("protected_paths", patch, .init(protectedPaths: ["[abc"])) == GateResult(
            gate: "protected_paths", passed: false,
            detail: "`[abc` is not a valid glob: `[` at column 1 is never closed (write `\\[` for a literal `[`)"))
    }

    @Test func hostilePathsAreEscapedInTheDetail() {
        let patch = Patch(files: [Self.modify("x\u{1B}[2J.lock")])
        let detail = result("protected_paths", patch)?.detail ?? ""
        #expect(detail == "`x\\x1b[2J.lock` matches `*.lock`")
    }

    // MARK: - max_files

    @Test func maxFilesBoundaries() {
        #expect(result("max_files", Self.patch(files: 50)) == GateResult(gate: "max_files", passed: true, detail: "50 files <= 50"))
        #expect(result("max_files", Self.patch(files: 51)) == GateResult(gate: "max_files", passed: false, detail: "51 files > 50"))
        #expect(result("max_files", Self.patch(files: 1))?.detail == "1 file <= 50")
        #expect(result("max_files", Self.patch(files: 0))?.detail == "0 files <= 50")
        #expect(result("max_files", Self.patch(files: 2), .init(maxFiles: 1))?.passed == false)
    }

    @Test func maxFilesCountsRenamesAndDeletesOnce() {
        let patch = Patch(files: [
            Self.change(.rename, "a", "b", added: 0),
            Self.change(.delete, "c", nil, added: 0, removed: 3),
            Self.change(.create, nil, "d"),
        ])
        #expect(result("max_files", patch, .init(maxFiles: 3)) == GateResult(gate: "max_files", passed: true, detail: "3 files <= 3"))
        #expect(result("max_files", patch, .init(maxFiles: 2))?.detail == "3 files > 2")
    }

    @Test func maxFilesZeroTurnsTheGateOff() {
        #expect(result("max_files", Self.patch(files: 5000), .init(maxFiles: 0)) == GateResult(
            gate: "max_files", passed: true, detail: "off (max_files = 0); 5,000 files"))
    }

    // MARK: - max_lines

    @Test func maxLinesCountsAddedAndRemoved() {
        let patch = Patch(files: [Self.modify("a", added: 1_000, removed: 204)])
        #expect(result("max_lines", patch) == GateResult(gate: "max_lines", passed: false, detail: "1,204 lines > 1,000"))
    }

    @Test func maxLinesBoundaries() {
        let exactly = Patch(files: [Self.modify("a", added: 600, removed: 300), Self.modify("b", added: 0, removed: 100)])
        #expect(result("max_lines", exactly) == GateResult(gate: "max_lines", passed: true, detail: "1,000 lines <= 1,000"))
        let oneOver = Patch(files: exactly.files + [Self.modify("c", added: 1)])
        #expect(result("max_lines", oneOver) == GateResult(gate: "max_lines", passed: false, detail: "1,001 lines > 1,000"))
        #expect(result("max_lines", Patch(files: [Self.modify("a")]))?.detail == "1 line <= 1,000")
    }

    @Test func maxLinesCountsDeletesAndPureRenames() {
        let patch = Patch(files: [
            Self.change(.delete, "old.txt", nil, added: 0, removed: 12),
            Self.change(.rename, "x", "y", added: 0),
        ])
        #expect(result("max_lines", patch, .init(maxLines: 12)) == GateResult(gate: "max_lines", passed: true, detail: "12 lines <= 12"))
        #expect(result("max_lines", patch, .init(maxLines: 11))?.passed == false)
    }

    @Test func binaryFilesAreNotedNotCounted() {
        let patch = Patch(files: [Self.change(.modify, "logo.png", "logo.png", binary: true), Self.modify("a", added: 2)])
        #expect(result("max_lines", patch)?.detail == "2 lines <= 1,000 (1 binary file not counted)")
    }

    @Test func maxLinesZeroTurnsTheGateOff() {
        let patch = Patch(files: [Self.modify("a", added: 1_234_567)])
        #expect(result("max_lines", patch, .init(maxLines: 0)) == GateResult(
            gate: "max_lines", passed: true, detail: "off (max_lines = 0); 1,234,567 lines"))
    }

    @Test func numbersAreGroupedByThousands() {
        #expect(PolicyGates.grouped(0) == "0")
        #expect(PolicyGates.grouped(999) == "999")
        #expect(PolicyGates.grouped(1_000) == "1,000")
        #expect(PolicyGates.grouped(12_345_678) == "12,345,678")
        #expect(PolicyGates.grouped(-1_500) == "-1,500")
    }
}
