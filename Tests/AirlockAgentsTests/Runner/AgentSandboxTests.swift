import AirlockAgents
import Foundation
import Testing

/// The bubblewrap command line of `airlock run --sandbox`, read as mounts in order.
@Suite("Agent sandbox arguments")
struct AgentSandboxTests {
    private func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-sandbox-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A workspace with `.airlock/` and `.git/airlock/`, and a home with some of the agent's
    /// directories, a credential store and the user's git config.
    private func sandbox(network: Bool = true) throws -> (AgentSandbox, workspace: String, home: String) {
        let workspace = try directory()
        let home = try directory()
        for path in [workspace + "/.airlock", workspace + "/.git/airlock/worktrees/bot", home + "/.claude", home + "/.config/git", home + "/.ssh", home + "/.local"] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        let checkout = AgentCheckout(agent: "bot", workspace: workspace, gitDirectory: workspace + "/.git", base: String(repeating: "a", count: 40))
        return (AgentSandbox(bubblewrap: "/usr/bin/bwrap", checkout: checkout, home: home, network: network, newSession: true), workspace, home)
    }

    /// The index of the mount `option SOURCE DESTINATION` or `option PATH`.
    private func position(_ arguments: [String], _ option: String, _ path: String) -> Int? {
        arguments.indices.first { arguments[$0] == option && arguments.indices.contains($0 + 1) && arguments[$0 + 1] == path }
    }

    @Test func anAirlockBuiltUnderTmpStaysVisibleOverThePrivateTmp() throws {
        var (sandbox, _, _) = try sandbox()
        sandbox.executable = "/tmp/ci/airlock/.build/debug/airlock"
        var arguments = sandbox.arguments()
        let privateTmp = try #require(position(arguments, "--tmpfs", "/tmp"))
        let binary = try #require(position(arguments, "--ro-bind", "/tmp/ci/airlock/.build/debug/airlock"))
        #expect(privateTmp < binary, "bound after /tmp is made private, read-only")
        sandbox.executable = "/usr/local/bin/airlock"
        arguments = sandbox.arguments()
        #expect(position(arguments, "--ro-bind", "/usr/local/bin/airlock") == nil, "visible through the read-only root already")
    }

    @Test func theCheckoutIsWritableLastAndTheStateIsHidden() throws {
        let (sandbox, workspace, _) = try sandbox()
        let arguments = sandbox.arguments()
        let checkout = workspace + "/.git/airlock/worktrees/bot"
        let readOnly = try #require(position(arguments, "--ro-bind", workspace))
        let hiddenState = try #require(position(arguments, "--tmpfs", workspace + "/.airlock"))
        let hiddenSlots = try #require(position(arguments, "--tmpfs", workspace + "/.git/airlock"))
        let writable = try #require(position(arguments, "--bind", checkout))
        #expect(readOnly < hiddenState && hiddenState < writable && hiddenSlots < writable)
        #expect(position(arguments, "--remount-ro", workspace + "/.airlock")! > writable)
        #expect(Array(arguments.suffix(3)) == ["--chdir", checkout, "--"])
        #expect(arguments.contains("--die-with-parent") && arguments.contains("--unshare-pid") && arguments.contains("--new-session"))
        #expect(!arguments.contains("--unshare-net"))
    }

    @Test func theAgentsHomeDirectoriesAreWritableButNotWhatOthersRunAndCredentialsAreHidden() throws {
        let (sandbox, workspace, home) = try sandbox()
        let arguments = sandbox.arguments()
        #expect(position(arguments, "--bind", home + "/.claude") != nil)
        #expect(position(arguments, "--bind", home + "/.codex") == nil, "only those that exist")
        let config = try #require(position(arguments, "--ro-bind", home + "/.config/git"))
        #expect(config > (try #require(position(arguments, "--bind", home + "/.config"))), "read-only inside the writable ~/.config")
        // ~/.local/bin does not exist: an empty read-only directory stands in its place.
        #expect(position(arguments, "--tmpfs", home + "/.local/bin") != nil)
        #expect(position(arguments, "--tmpfs", home + "/.ssh") != nil)
        // The workspace is made read-only again after the home's writable binds.
        #expect(try #require(position(arguments, "--ro-bind", workspace)) > (position(arguments, "--bind", home + "/.claude") ?? .max))
    }

    @Test func noNetworkUnsharesIt() throws {
        #expect(try sandbox(network: false).0.arguments().contains("--unshare-net"))
    }
}
