import Foundation
import Testing
@testable import AirlockCore

/// Random file pairs, including empty, CRLF and no-final-newline ones, diffed by the real
/// `git diff --no-index`, then applied by Airlock: the result must be the target byte for
/// byte, and the reversed patch must bring the original back.
@Suite("Round trips through git diff --no-index", .requiresGit)
struct RoundTripPropertyTests {
    @Test(arguments: 0..<6)
    func applyGivesTargetAndReverseGivesOriginal(batch: Int) throws {
        for n in 0..<25 {
            let seed = UInt64(10_000 + batch * 100 + n)
            var rng = SeededGenerator(seed: seed)
            let old = Self.randomFile(&rng)
            var new = Self.randomFile(&rng)
            if Bool.random(using: &rng) { new = DifferentialCase.mutate(old, &rng) }
            if old == new { continue }

            let dir = try PatchFixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            try PatchFixtures.write(old, to: "old/f", in: dir)
            try PatchFixtures.write(new, to: "new/f", in: dir)
            let diff = try PatchFixtures.run("git", ["diff", "--no-index", "old/f", "new/f"], in: dir, ceiling: dir)
            #expect(diff.status == 1, "seed \(seed): \(diff.stderr)")
            let patch = try PatchReader(strip: 2).read(diff.stdout)

            let workspace = dir.appendingPathComponent("ws"), journal = dir.appendingPathComponent("journal")
            try PatchFixtures.write(old, to: "f", in: workspace)
            let applier = Applier(workspace: workspace.path, journalDirectory: journal.path)
            _ = try applier.apply(patch)
            #expect([UInt8](try Data(contentsOf: workspace.appendingPathComponent("f"))) == new, "seed \(seed): apply did not give the target")

            #expect(patch.reversed().reversed() == patch, "seed \(seed)")
            _ = try applier.apply(patch.reversed())
            #expect([UInt8](try Data(contentsOf: workspace.appendingPathComponent("f"))) == old, "seed \(seed): reverse did not give the original")
        }
    }

    static func randomFile(_ rng: inout SeededGenerator) -> [UInt8] {
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return []
        case 1: return Array("only line without newline".utf8)
        case 2: return RealGitDiffTests.randomText(&rng, crlf: true, finalNewline: Bool.random(using: &rng), lines: Int.random(in: 1...30, using: &rng))
        default: return RealGitDiffTests.randomText(&rng, crlf: false, finalNewline: Int.random(in: 0..<4, using: &rng) != 0, lines: Int.random(in: 1...50, using: &rng))
        }
    }
}
