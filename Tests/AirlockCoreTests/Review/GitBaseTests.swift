import Foundation
import Testing
@testable import AirlockCore

@Suite("The base commit, read from git's files", .requiresGit)
struct GitBaseTests {
    private func git(_ arguments: [String], in directory: String) throws -> String {
        let outcome = try RealGit.run(
            ["-C", directory, "-c", "user.name=T", "-c", "user.email=t@example.invalid"] + arguments,
            in: directory, environment: ProcessInfo.processInfo.environment)
        let data = outcome.standardOutput
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("agrees with git rev-parse: no commit, a branch, packed refs, a detached HEAD and a linked worktree")
    func agreesWithGit() throws {
        let sandbox = try Sandbox()
        let root = sandbox.workspace
        _ = try git(["init", "-q"], in: root)
        #expect(GitBase.head(of: root) == nil, "no commit yet")
        sandbox.write("a.txt", "one\n")
        _ = try git(["add", "a.txt"], in: root)
        _ = try git(["commit", "-qm", "one"], in: root)
        let first = try git(["rev-parse", "HEAD"], in: root)
        #expect(GitBase.head(of: root) == first)
        _ = try git(["pack-refs", "--all"], in: root)
        #expect(GitBase.head(of: root) == first, "from packed-refs")
        sandbox.write("a.txt", "two\n")
        _ = try git(["commit", "-qam", "two"], in: root)
        #expect(GitBase.head(of: root) == (try git(["rev-parse", "HEAD"], in: root)))
        _ = try git(["checkout", "-q", "--detach", first], in: root)
        #expect(GitBase.head(of: root) == first, "detached")
        let linked = sandbox.outside + "/linked"
        _ = try git(["worktree", "add", "-q", "-b", "side", linked, first], in: root)
        #expect(GitBase.head(of: linked) == first, "linked worktree")
        #expect(GitBase.head(of: sandbox.outside) == nil, "not a repository")
    }
}
