import AirlockCore
import Foundation
import Testing

/// A real ncurses program (tig) in `TmuxScreen`, as the cockpit will be: it draws at the
/// terminal's size, follows a resize and quits on a key. Proves the driver for
/// full-screen programs before the cockpit exists.
@Suite("An ncurses program in TmuxScreen", .requires(.tmux, .tig, .git))
struct NcursesInTmuxTests {
    /// A repository with one commit, in a directory removed by the caller.
    private func repository() throws -> URL {
        let root = try ManagedWorkspaceFixture.directory()
        try CLIHarness.write("hello\n", to: "README", in: root)
        let environment = ["PATH": "/usr/bin:/bin", "HOME": root.path, "GIT_CONFIG_NOSYSTEM": "1"]
        let identity = ["-c", "user.name=tester", "-c", "user.email=tester@example.invalid", "-c", "commit.gpgsign=false"]
        for step in [["init", "-q"], ["add", "README"], identity + ["commit", "-q", "-m", "First commit"]] {
            let outcome = try SystemProcessRunner().run(ProcessCommand(
                try RequiredTool.git.executable(), step, environment: environment, workingDirectory: root.path, detachedFromTerminal: true))
            #expect(outcome.succeeded, "git \(step): \(VisibleText.escape(bytes: outcome.standardError))")
        }
        return root
    }

    @Test func tigFollowsAResizeAndQuits() throws {
        let root = try repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let screen = try TmuxScreen(
            [try RequiredTool.tig.executable()], in: root, width: 80, height: 24,
            environment: TmuxScreen.environment(["HOME": root.path, "TIGRC_USER": "/dev/null"]))
        let first = try screen.waitFor(text: "First commit")
        #expect(first.lines.count == 24)
        // tig's status line sits above the last row, which holds its prompt.
        #expect(first.lines[22].hasPrefix("[main]"), "the status line is on row 23:\n\(first)")
        #expect(first.lines[22].count == 80, "and reaches the right edge:\n\(first)")

        try screen.resize(width: 100, height: 30)
        let resized = try screen.waitUntil("the status line on row 29") { $0.lines.count == 30 && $0.lines[28].hasPrefix("[main]") }
        #expect(resized.lines[28].count == 100, "\(resized)")

        try screen.send(keys: "q")
        #expect(try screen.waitForExit() == 0)
    }
}
