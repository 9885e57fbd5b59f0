import Testing
@testable import AirlockCore

/// git's Myers diff is the reference. Where a diff is ambiguous git applies heuristics of
/// its own (the indent heuristic, and discarding lines that match too often), so the
/// resulting file must always be right and the headers are compared and counted.
@Suite("LineDiff against git diff --no-index", .requiresGit)
struct LineDiffGitComparisonTests {
    struct Tally: CustomStringConvertible {
        var cases = 0, sameHeaders = 0, sameHunks = 0, sameSize = 0
        var description: String {
            "\(sameHeaders)/\(cases) identical headers, \(sameHunks)/\(cases) identical hunks (lines and sections), \(sameSize)/\(cases) same number of changed lines"
        }
    }

    /// Longer source-like files, where blank lines and braces repeat often enough for git's
    /// multiple-match heuristic to matter.
    static func longCases(seed: UInt64, count: Int) -> [(old: [UInt8], new: [UInt8])] {
        var gen = RandomText(seed: seed)
        return (0..<count).map { _ in
            let old = (0..<gen.int(150...400)).map { _ in gen.codeLine() }
            let new = gen.edited(old, edits: gen.int(2...12)) { $0.codeLine() }
            return (old.joinedBytes, new.joinedBytes)
        }
    }

    private func compare(
        indentHeuristic: Bool, cases: [(old: [UInt8], new: [UInt8])]
    ) throws -> Tally {
        var tally = Tally()
        for (n, (old, new)) in cases.enumerated() {
            let ours = LineDiff.hunks(from: old, to: new)
            let gits = try GitDiff.hunks(from: old, to: new, indentHeuristic: indentHeuristic)
            #expect(try TestApplier.apply(ours, to: old) == new, "case \(n)")
            #expect(try TestApplier.apply(gits, to: old) == new, "case \(n): git's hunks through the test applier")
            let changed = { (hunks: [Hunk]) in hunks.reduce(0) { $0 + $1.addedLineCount + $1.removedLineCount } }
            // Both scripts are minimal unless git's discarding heuristics made its own longer.
            #expect(changed(ours) <= changed(gits), "case \(n): longer script than git's")
            tally.cases += 1
            let header = { (h: Hunk) in [h.oldStart, h.oldCount, h.newStart, h.newCount] }
            if ours.map(header) == gits.map(header) { tally.sameHeaders += 1 }
            if ours == gits { tally.sameHunks += 1 }
            if changed(ours) == changed(gits) { tally.sameSize += 1 }
        }
        return tally
    }

    @Test func matchesGitWithoutTheIndentHeuristic() throws {
        let tally = try compare(indentHeuristic: false, cases: LineDiffPropertyTests.cases(seed: 0x5EED, count: 200))
        print("LineDiff vs git --no-indent-heuristic: \(tally)")
        #expect(tally.sameHeaders == tally.cases)
        #expect(tally.sameHunks == tally.cases)
    }

    @Test func mostlyMatchesGitsDefault() throws {
        let tally = try compare(indentHeuristic: true, cases: LineDiffPropertyTests.cases(seed: 0x5EED, count: 200))
        print("LineDiff vs git default (indent heuristic on): \(tally)")
        #expect(tally.sameHeaders * 10 >= tally.cases * 9)
    }

    @Test func longSourceLikeFiles() throws {
        let cases = Self.longCases(seed: 0xB16, count: 40)
        let plain = try compare(indentHeuristic: false, cases: cases)
        let standard = try compare(indentHeuristic: true, cases: cases)
        print("LineDiff vs git on long files, --no-indent-heuristic: \(plain)")
        print("LineDiff vs git on long files, default: \(standard)")
        #expect(plain.sameHeaders * 10 >= plain.cases * 9)
        #expect(standard.sameHeaders * 10 >= standard.cases * 8)
    }
}
