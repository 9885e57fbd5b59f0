import Foundation
import Testing
@testable import AirlockCore

/// The real git, which several suites use as an oracle. Where it is not installed they are
/// skipped, except under `CI=true`: there they run, and their first git call fails with
/// `RealGit.Missing`, so a CI machine without git cannot pass them by skipping them.
enum RealGit {
    struct Missing: Error, CustomStringConvertible {
        var description: String { "git is not installed, and CI=true requires the suites that compare with git to run" }
    }

    /// git's path, found in `PATH`, or nil.
    static let path: String? = try? ExecutableSearch.resolve("git", environment: nil)

    static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// git's path; throws `Missing` where it is not installed.
    static func executable() throws -> String {
        guard let path else { throw Missing() }
        return path
    }

    /// Runs git in `directory` with `input` on stdin and its output captured.
    static func run(_ arguments: [String], in directory: String, input: [UInt8] = [], environment: [String: String]) throws -> ProcessOutcome {
        try SystemProcessRunner().run(ProcessCommand(
            try executable(), arguments, environment: environment, workingDirectory: directory, standardInput: .bytes(input)))
    }
}

extension Trait where Self == ConditionTrait {
    /// For suites that compare with the real git: see `RealGit`.
    static var requiresGit: Self {
        .enabled(if: RealGit.path != nil || RealGit.isRequired, "git is not installed (under CI=true this is a failure, not a skip)")
    }
}
