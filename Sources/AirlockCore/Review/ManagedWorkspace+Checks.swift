import Foundation

extension ManagedWorkspace {
    /// The built-in lint's findings on the lines `patch` adds, with the workspace's
    /// `.airlock/lint-ignore` applied. An ignore file that cannot be read suppresses
    /// nothing, and a finding says why.
    func lint(_ patch: Patch) throws -> [LintFinding] {
        do {
            return LintEngine.scan(patch, ignore: try LintIgnore.read(workspace: URL(fileURLWithPath: root)))
        } catch {
            let problem = LintFinding(
                rule: "lint-ignore-unreadable", severity: .info, path: LintIgnore.relativePath, line: 0,
                message: "\(error): no finding was suppressed by it", excerpt: "")
            return [problem] + LintEngine.scan(patch)
        }
    }

    /// The workspace's accepted fingerprints; none when the file cannot be read.
    func lintIgnore() -> LintIgnore {
        (try? LintIgnore.read(workspace: URL(fileURLWithPath: root))) ?? .none
    }

    /// Every `[[tests]]` and `[[linters]]` command, as checks to queue for a runner.
    public func configuredChecks() throws -> [QueuedCheck] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let tests = try config.tests.map { test in
            QueuedCheck(name: test.name, kind: .test, spec: String(decoding: try encoder.encode(test), as: UTF8.self))
        }
        let linters = try config.linters.map { linter in
            QueuedCheck(name: linter.name, kind: .external, spec: String(decoding: try encoder.encode(linter), as: UTF8.self))
        }
        return tests + linters
    }

    /// Runs a waiting proposal's configured checks again (as configured now). `actor` is
    /// who asked: a person at the cockpit, or a command.
    public func rerunChecks(_ id: Int64, actor: String) throws {
        try store.requeueChecks(id, checks: try configuredChecks(), actor: actor)
    }
}
