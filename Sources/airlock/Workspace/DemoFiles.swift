import AirlockCore
import Foundation

/// What the demos do to set a scene: write files, run git quietly, and run this very
/// `airlock` binary so the demo shows exactly what the commands print.
enum DemoFiles {
    /// This very `airlock` binary: `/proc/self/exe` where there is one (a command found
    /// through `PATH` has no path in its first argument), else the first argument.
    static var airlockExecutable: String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), path.hasPrefix("/") {
            return path
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }

    static func write(_ text: String, _ path: String, in directory: URL) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Runs a command with its output discarded; a command that fails is not an error.
    static func quietly(_ executable: String, _ arguments: [String], in directory: URL, runner: some ProcessRunner = SystemProcessRunner()) throws {
        _ = try runner.run(ProcessCommand(
            executable, arguments, workingDirectory: directory.path, standardInput: .null, standardOutput: .discard, standardError: .discard))
    }

    /// Runs a command with this terminal's output and prints its exit status when it failed.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL, runner: some ProcessRunner = SystemProcessRunner()) throws -> Int32 {
        let outcome = try runner.run(ProcessCommand(
            executable, arguments, workingDirectory: directory.path, standardInput: .inherit, standardOutput: .inherit, standardError: .inherit))
        if !outcome.succeeded { emit("(\(outcome.termination))\n") }
        return outcome.shellStatus
    }
}
