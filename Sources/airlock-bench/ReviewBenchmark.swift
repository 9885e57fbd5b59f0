import AirlockCore
import Foundation

/// `airlock-bench review`: what `airlock review` pays before its first prompt when many
/// waiting proposals read one large file: `recheckWaiting` over 100 one-line proposals
/// on a 43 MB file, the file unchanged since they were proposed.
struct ReviewBenchmark {
    var proposals = 100
    var lines = 430_000
    var runs = 5

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bench-review-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var text = ""
        text.reserveCapacity(lines * 100)
        for n in 1...lines { text += "line \(n): " + String(repeating: "x", count: 92 - String(n).count) + "\n" }
        let file = root.appendingPathComponent("big.txt")
        try Data(text.utf8).write(to: file)
        let written = Date()
        let workspace = try ManagedWorkspace.initialize(at: root.path)
        let all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for n in 0..<proposals {
            let line = 1000 + n * (lines / proposals - 7)
            let patch = "diff --git a/big.txt b/big.txt\n--- a/big.txt\n+++ b/big.txt\n@@ -\(line - 1),3 +\(line - 1),3 @@\n"
                + " \(all[line - 2])\n-\(all[line - 1])\n+changed by proposal \(n)\n \(all[line])\n"
            _ = try workspace.propose(ProposalRequest(agent: "coder-\(n % 4)", input: Bytes(Array(patch.utf8))))
        }
        // A file changed in the last seconds is hashed on every lookup (its fingerprint is
        // not trusted yet); wait until it is as settled as a file no one is editing.
        Thread.sleep(forTimeInterval: max(0, 3.5 - Date().timeIntervalSince(written)))
        let size = Double(text.utf8.count) / 1e6
        let measured = Measurement(samples: try (0..<runs).map { _ in
            try Measurement.time {
                let outcomes = try workspace.recheckWaiting()
                precondition(outcomes.isEmpty, "nothing changed, so nothing is re-checked")
            }
        })
        print("airlock-bench review: in \(root.path)\n")
        print(String(format: "recheckWaiting, %d one-line proposals on a %.0f MB file   %8.1f ms (median of %d)", proposals, size, measured.median * 1000, runs))
    }
}
