import AirlockCore
import Foundation

/// `airlock-bench lint`: the built-in rules over a generated patch of about 100 MB, and
/// in the same run `rg` searching a file of the same added lines with the same patterns.
struct LintBenchmark {
    /// AIRLOCK_BENCH_LINT_MB sets the patch's size.
    var megabytes = Int(ProcessInfo.processInfo.environment["AIRLOCK_BENCH_LINT_MB"] ?? "") ?? 100
    var runs = 3

    func run() throws {
        print("airlock-bench lint: generating a \(megabytes) MB patch…")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bench-lint-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let corpus = LintCorpus(targetBytes: megabytes * 1_000_000).generate()
        let addedURL = root.appendingPathComponent("added.txt")
        let patternsURL = root.appendingPathComponent("patterns.txt")
        try Data(corpus.addedLines).write(to: addedURL)
        let patterns = Self.ripgrepPatterns(LintRules.all)
        try Data((patterns.joined(separator: "\n") + "\n").utf8).write(to: patternsURL)
        print(String(format: "  patch %.1f MB, %d added lines (%.1f MB), %d planted secrets, %d line rules as rg patterns",
                     Double(corpus.patch.count) / 1e6, corpus.addedLineCount, Double(corpus.addedLines.count) / 1e6,
                     corpus.plantedSecrets, patterns.count))

        var patch = Patch(files: [])
        let parse = try Measurement.time { patch = try PatchReader().read(Bytes(corpus.patch)) }
        print(String(format: "  (parse alone, patch in memory: %.1f ms)", parse * 1000))

        let rg = ["rg", "--no-config", "--count", "-f", patternsURL.path, addedURL.path]
        var ours = Measurement(), peer = Measurement()
        var findings: [LintFinding] = []
        for run in 0..<runs {
            // Take turns going first, so neither always runs on a warmer cache.
            func timeOurs() { ours.samples.append(Measurement.time { findings = LintEngine.scan(patch) }) }
            func timePeer() throws {
                var status: Int32 = 0
                peer.samples.append(try Measurement.time { status = try runQuietly(rg, in: root) })
                guard status == 0 || status == 1 else { throw BenchFailure("rg failed (exit \(status)) on the converted patterns") }
            }
            if run % 2 == 0 {
                timeOurs()
                try timePeer()
            } else {
                try timePeer()
                timeOurs()
            }
        }
        let secrets: Set<String> = ["aws-access-key-id", "github-token", "gcp-service-account-key"]
        let found = findings.filter { secrets.contains($0.rule) }.count
        print("  findings \(findings.count), planted secrets found \(found) of \(corpus.plantedSecrets)\(found == corpus.plantedSecrets ? "" : "  MISMATCH")")
        print("  rg: \(try Self.capture(rg, in: root).trimmingCharacters(in: .whitespacesAndNewlines)) matching lines")
        print("")
        print(ComparisonRow(name: "lint", airlock: ours.median, peerName: "rg -f (same patterns)", peer: peer.median, target: "target ≤ 1.50x").line)
        print(ComparisonRow(name: "  parse + lint", airlock: ours.median + parse, peerName: "rg -f (same patterns)", peer: peer.median, target: "no target").line)
    }

    /// The line rules' patterns in `rg`'s syntax, one per rule.
    static func ripgrepPatterns(_ rules: [LintRule]) -> [String] {
        rules.compactMap(\.patternSource).map(RipgrepPattern.convert)
    }

    private static func capture(_ arguments: [String], in directory: URL) throws -> String {
        let outcome = try SystemProcessRunner().run(ProcessCommand(
            arguments[0], Array(arguments.dropFirst()), workingDirectory: directory.path, standardError: .discard))
        return String(decoding: outcome.standardOutput, as: UTF8.self)
    }
}

/// A benchmark that cannot go on, with the reason.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
