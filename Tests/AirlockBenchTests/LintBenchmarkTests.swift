import AirlockCore
import Foundation
import Testing
@testable import airlock_bench

/// The lint benchmark's corpus parses, holds the secrets it claims to, and gives `rg`
/// the rules' patterns in a syntax it accepts.
@Suite("Benchmark: the lint corpus and rg patterns")
struct LintBenchmarkTests {
    @Test func theCorpusParsesAndEveryPlantedSecretIsFound() throws {
        let corpus = LintCorpus(targetBytes: 600_000, secretEvery: 500).generate()
        let patch = try PatchReader().read(Bytes(corpus.patch))
        #expect(patch.files.reduce(0) { $0 + $1.addedLineCount } == corpus.addedLineCount)
        #expect(corpus.addedLines.filter { $0 == UInt8(ascii: "\n") }.count == corpus.addedLineCount)
        #expect(corpus.plantedSecrets > 10)
        let findings = LintEngine.scan(patch)
        let secrets: Set<String> = ["aws-access-key-id", "github-token", "gcp-service-account-key"]
        #expect(findings.filter { secrets.contains($0.rule) }.count == corpus.plantedSecrets)
        #expect(findings.allSatisfy { secrets.contains($0.rule) }, "benign lines stay quiet: \(findings.filter { !secrets.contains($0.rule) }.prefix(3))")
    }

    @Test func lookAroundsAndPossessiveQuantifiersAreDropped() {
        #expect(RipgrepPattern.convert(#"(?<![\w.$])eval\s*\("#) == #"eval\s*\("#)
        #expect(RipgrepPattern.convert(#"\b(ghp_[A-Za-z0-9]{36})(?![A-Za-z0-9_\-])"#) == #"\b(ghp_[A-Za-z0-9]{36})"#)
        #expect(RipgrepPattern.convert(#"(eyJ[A-Za-z0-9_\-]{10,500}+\.x)"#) == #"(eyJ[A-Za-z0-9_\-]{10,500}\.x)"#)
        // Parentheses and brackets inside classes and escapes do not end the skipped group.
        #expect(RipgrepPattern.convert(#"a(?![)\]]\)(b))c"#) == "ac")
        #expect(RipgrepPattern.convert(#"x[(?!]\{2\}+"#) == #"x[(?!]\{2\}+"#)
        #expect(RipgrepPattern.convert(#"(?i:select)\s"#) == #"(?i:select)\s"#)
    }

    @Test func rgAcceptsEveryConvertedPattern() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/rg") else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lint-rg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("nothing to see\n".utf8).write(to: dir.appendingPathComponent("in.txt"))
        for pattern in LintBenchmark.ripgrepPatterns(LintRules.all) {
            let outcome = try SystemProcessRunner().run(ProcessCommand(
                "/usr/bin/rg", ["--no-config", "--count", "-e", pattern, "in.txt"], workingDirectory: dir.path))
            #expect(outcome.shellStatus == 1, "rg rejects \(pattern): \(String(decoding: outcome.standardError, as: UTF8.self))")
        }
    }
}
