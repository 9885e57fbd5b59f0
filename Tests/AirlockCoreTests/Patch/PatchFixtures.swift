import Foundation
@testable import AirlockCore

/// Temporary directories, real git and parse shortcuts for the patch tests.
enum PatchFixtures {
    static func parse(_ text: String, strip: Int = 1) throws -> Patch {
        var parser = DiffParser(Array(text.utf8), strip: strip)
        return try parser.parse()
    }

    static func parseError(_ text: String, strip: Int = 1) -> PatchParseError? {
        var parser = DiffParser(Array(text.utf8), strip: strip)
        do {
            _ = try parser.parse()
            return nil
        } catch {
            return error
        }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    struct CommandResult {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
    }

    /// Runs `executable` (git through `RealGit`) in `directory`, isolated from the
    /// system's git configuration.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL, input: [UInt8]? = nil, ceiling: URL? = nil) throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        // Outside a repository git apply must not find one above the test directory.
        if let ceiling { environment["GIT_CEILING_DIRECTORIES"] = ceiling.path }
        environment["GIT_AUTHOR_NAME"] = "t"
        environment["GIT_AUTHOR_EMAIL"] = "t@example.com"
        environment["GIT_COMMITTER_NAME"] = "t"
        environment["GIT_COMMITTER_EMAIL"] = "t@example.com"
        let outcome: ProcessOutcome
        if executable == "git" {
            outcome = try RealGit.run(arguments, in: directory.path, input: input ?? [], environment: environment)
        } else {
            outcome = try SystemProcessRunner().run(ProcessCommand(
                executable, arguments, environment: environment, workingDirectory: directory.path, standardInput: .bytes(input ?? [])))
        }
        return CommandResult(status: outcome.shellStatus, stdout: outcome.standardOutput, stderr: String(decoding: outcome.standardError, as: UTF8.self))
    }

    static func write(_ content: [UInt8], to path: String, in directory: URL) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content).write(to: url)
    }

    /// A fresh git repository with one commit of `files`.
    static func repository(_ files: [String: [UInt8]]) throws -> URL {
        let dir = try temporaryDirectory()
        try run("git", ["init", "-q", "-b", "main"], in: dir)
        for (path, content) in files { try write(content, to: path, in: dir) }
        try run("git", ["add", "-A"], in: dir)
        try run("git", ["commit", "-q", "-m", "base", "--allow-empty"], in: dir)
        return dir
    }
}

/// SplitMix64, the tests' one deterministic generator, so failures reproduce from the seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    /// Starts from `state` as it is (the cases some suites were written with).
    init(state: UInt64) { self.state = state }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
