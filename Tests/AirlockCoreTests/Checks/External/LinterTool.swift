import Foundation
import Testing
@testable import AirlockCore

/// A real linter that the import tests run in their setup, so that they read what the
/// tool writes today and not what someone once copied from it. Where it is not installed
/// those tests are skipped, except under `CI=true`: there they run and fail, so a CI
/// machine without the package cannot pass them by skipping.
struct LinterTool: Sendable {
    struct Missing: Error, CustomStringConvertible {
        var tool: LinterTool
        var description: String { "\(tool.name) is not installed (Debian package \(tool.package)), and CI=true requires the tests that run it" }
    }

    let name: String
    let package: String

    static let shellcheck = LinterTool(name: "shellcheck", package: "shellcheck")
    static let bandit = LinterTool(name: "bandit", package: "bandit")

    var path: String? { try? ExecutableSearch.resolve(name, environment: nil) }

    static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Runs the tool in `directory` and returns what it wrote on standard output
    /// (linters exit 1 when they find something, which is not a failure here).
    func output(_ arguments: [String], in directory: String) throws -> [UInt8] {
        guard let path else { throw Missing(tool: self) }
        let outcome = try SystemProcessRunner().run(ProcessCommand(path, arguments, workingDirectory: directory, timeout: .seconds(120)))
        guard outcome.termination == .exited(0) || outcome.termination == .exited(1) else {
            throw ToolFailed(command: ([name] + arguments).joined(separator: " "), outcome: outcome)
        }
        return outcome.standardOutput
    }

    struct ToolFailed: Error, CustomStringConvertible {
        var command: String
        var outcome: ProcessOutcome
        var description: String { "\(command): \(outcome.termination): \(String(decoding: outcome.standardError, as: UTF8.self))" }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs a test where `tool` is installed, and always under `CI=true`.
    static func requiresLinter(_ tool: LinterTool) -> Self {
        .enabled(
            if: tool.path != nil || LinterTool.isRequired,
            Comment(rawValue: "\(tool.name) is not installed (Debian package \(tool.package)); under CI=true this is a failure, not a skip"))
    }
}

/// A temporary directory for a linter to run in, removed when released.
final class LinterScratch {
    let root: String

    init() throws {
        var template = Array("\(FileManager.default.temporaryDirectory.path)/airlock-linter-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        // The real path: a linter given absolute paths prints them resolved.
        root = URL(fileURLWithPath: String(cString: made)).resolvingSymlinksInPath().path
    }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }
}
