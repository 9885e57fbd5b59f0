import Foundation
@testable import AirlockCore

/// Runs the real `git diff --no-index` on two texts, isolated from any user or system
/// configuration, and parses its output.
enum GitDiff {
    static func hunks(from old: [UInt8], to new: [UInt8], indentHeuristic: Bool) throws -> [Hunk] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-linediff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (side, text) in [("x", old), ("y", new)] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(side), withIntermediateDirectories: true)
            try Data(text).write(to: dir.appendingPathComponent("\(side)/f"))
        }
        let outcome = try RealGit.run(
            [
                "-c", "core.autocrlf=false", "-c", "diff.algorithm=myers",
                "-c", "diff.indentHeuristic=\(indentHeuristic)",
                "diff", "--no-index", "--no-color", "--no-ext-diff", "-U3", "x/f", "y/f",
            ],
            in: dir.path,
            environment: ["GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "HOME": dir.path, "PATH": "/usr/bin:/bin", "LC_ALL": "C"])
        guard case .exited(let status) = outcome.termination, status <= 1 else {
            throw TestApplier.Failure(description: "git diff ended with \(outcome.termination)")
        }
        let output = outcome.standardOutput
        if output.isEmpty { return [] }
        var parser = DiffParser(Array(output), strip: 2)
        return try parser.parse().files.first?.hunks ?? []
    }
}
