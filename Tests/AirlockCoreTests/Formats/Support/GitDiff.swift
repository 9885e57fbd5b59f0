import Foundation
@testable import AirlockCore

/// Runs the real `git diff --no-index` on two texts, isolated from any user or system
/// configuration, and parses its output.
enum GitDiff {
    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/git")
    }

    static func hunks(from old: [UInt8], to new: [UInt8], indentHeuristic: Bool) throws -> [Hunk] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-linediff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (side, text) in [("x", old), ("y", new)] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(side), withIntermediateDirectories: true)
            try Data(text).write(to: dir.appendingPathComponent("\(side)/f"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.currentDirectoryURL = dir
        process.arguments = [
            "-c", "core.autocrlf=false", "-c", "diff.algorithm=myers",
            "-c", "diff.indentHeuristic=\(indentHeuristic)",
            "diff", "--no-index", "--no-color", "--no-ext-diff", "-U3", "x/f", "y/f",
        ]
        process.environment = [
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
            "HOME": dir.path, "PATH": "/usr/bin:/bin", "LC_ALL": "C",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus <= 1 else {
            throw TestApplier.Failure(description: "git diff exited with \(process.terminationStatus)")
        }
        if output.isEmpty { return [] }
        var parser = DiffParser(Array(output), strip: 2)
        return try parser.parse().files.first?.hunks ?? []
    }
}
