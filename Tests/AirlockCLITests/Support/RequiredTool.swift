import Foundation
import Testing

/// A program that some suites drive (tmux, OpenSSH's server and client). Where it is not
/// installed those suites are skipped, except under `CI=true`: there they run and fail
/// with `Missing`, so a CI machine without the package cannot pass them by skipping.
struct RequiredTool: Sendable {
    struct Missing: Error, CustomStringConvertible {
        var tool: RequiredTool
        var description: String {
            "\(tool.path) is not installed (Debian package \(tool.package)), and CI=true requires the suites that use it to run"
        }
    }

    let path: String
    let package: String

    static let tmux = RequiredTool(path: "/usr/bin/tmux", package: "tmux")
    static let sshd = RequiredTool(path: "/usr/sbin/sshd", package: "openssh-server")
    static let ssh = RequiredTool(path: "/usr/bin/ssh", package: "openssh-client")
    static let sshKeygen = RequiredTool(path: "/usr/bin/ssh-keygen", package: "openssh-client")
    static let tig = RequiredTool(path: "/usr/bin/tig", package: "tig")
    static let git = RequiredTool(path: "/usr/bin/git", package: "git")

    var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: path) }

    static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The program's path; throws `Missing` where it is not installed.
    func executable() throws -> String {
        guard isInstalled else { throw Missing(tool: self) }
        return path
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs a suite where every one of `tools` is installed, and always under `CI=true`.
    static func requires(_ tools: RequiredTool...) -> Self {
        let missing = tools.filter { !$0.isInstalled }.map(\.package)
        return .enabled(
            if: missing.isEmpty || RequiredTool.isRequired,
            Comment(rawValue: "not installed: \(missing.joined(separator: ", ")) (under CI=true this is a failure, not a skip)"))
    }
}
