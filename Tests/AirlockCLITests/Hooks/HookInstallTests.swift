import AirlockAgents
import AirlockCore
import Foundation
import Testing

/// `airlock hook install KIND [--remove]` merges into the agent's settings file and takes
/// out exactly what it put in.
@Suite("Hook install")
struct HookInstallTests {
    private func install(_ hook: HookFixture, _ arguments: [String]) throws -> CLIHarness.Result {
        try CLIHarness.run(["hook", "install"] + arguments + ["--workspace", hook.path], in: hook.root)
    }

    private func settings(_ hook: HookFixture, _ path: String) throws -> OrderedJSON {
        try JSONParser.parse(Array(try Data(contentsOf: hook.root.appendingPathComponent(path))))
    }

    @Test func anEmptyWorkspaceGetsEachAgentsHooks() throws {
        let hook = try HookFixture(waitSeconds: 100)
        let claude = try install(hook, ["claude-code"])
        #expect(claude.status == 0, "\(claude.stderr)")
        #expect(claude.stdout.contains("+ PreToolUse (Write|Edit|NotebookEdit|TodoWrite): "), "\(claude.stdout)")
        #expect(claude.stdout.contains(" hook claude-code, timeout 130 s"))
        let written = try settings(hook, ".claude/settings.json")
        let gate = try #require(written["hooks"]?["PreToolUse"]?.array?.first)
        #expect(gate["matcher"] == .string("Write|Edit|NotebookEdit|TodoWrite"))
        let command = try #require(gate["hooks"]?.array?.first?["command"]?.string)
        #expect(command.hasPrefix("/") && command.hasSuffix("airlock hook claude-code"))
        #expect(FileManager.default.isExecutableFile(atPath: String(command.dropLast(" hook claude-code".count))))
        for event in ["UserPromptSubmit", "Notification", "Stop", "SessionStart", "SessionEnd"] { #expect(written["hooks"]?[event] != nil, "\(event)") }

        #expect(try install(hook, ["gemini"]).status == 0)
        let gemini = try settings(hook, ".gemini/settings.json")
        let tool = try #require(gemini["hooks"]?["BeforeTool"]?.array?.first)
        #expect(tool["matcher"] == .string("write_file|replace|write_todos"))
        #expect(tool["hooks"]?.array?.first?["timeout"] == .number("130000"))
        #expect(gemini["hooks"]?["AfterAgent"] != nil && gemini["hooks"]?["BeforeAgent"] != nil)

        let codex = try install(hook, ["codex"])
        #expect(codex.stdout.contains("trust them"))
        #expect(try settings(hook, ".codex/hooks.json")["hooks"]?["PreToolUse"]?.array?.first?["matcher"] == .string("apply_patch"))
    }

    @Test func theUsersSettingsStayAndInstallingTwiceChangesNothing() throws {
        let hook = try HookFixture()
        let original = """
            {
              "model": "opus",
              "permissions": {"allow": ["Bash(ls:*)"], "deny": []},
              "hooks": {
                "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "~/bin/check-bash", "timeout": 5}]}],
                "Stop": [{"hooks": [{"type": "command", "command": "say done"}]}]
              },
              "env": {"X": "1.50"},
              "cleanupPeriodDays": 30.0
            }
            """
        try CLIHarness.write(original, to: ".claude/settings.json", in: hook.root)
        #expect(try install(hook, ["claude-code"]).status == 0)
        let once = try Data(contentsOf: hook.root.appendingPathComponent(".claude/settings.json"))
        let merged = try settings(hook, ".claude/settings.json")
        #expect(merged.members?.map(\.key) == ["model", "permissions", "hooks", "env", "cleanupPeriodDays"])
        #expect(merged["env"]?["X"] == .string("1.50") && merged["cleanupPeriodDays"] == .number("30.0"))
        let pre = try #require(merged["hooks"]?["PreToolUse"]?.array)
        #expect(pre.count == 2 && pre[0]["matcher"] == .string("Bash"))
        #expect(merged["hooks"]?["Stop"]?.array?.count == 2)

        let twice = try install(hook, ["claude-code"])
        #expect(twice.stdout.contains("already installed; nothing changed"), "\(twice.stdout)")
        #expect(try Data(contentsOf: hook.root.appendingPathComponent(".claude/settings.json")) == once)

        let removed = try install(hook, ["claude-code", "--remove"])
        #expect(removed.status == 0 && removed.stdout.contains("- PreToolUse (Write|Edit|NotebookEdit|TodoWrite)"), "\(removed.stdout)")
        #expect(try settings(hook, ".claude/settings.json") == (try JSONParser.parse(Array(original.utf8))))
        #expect(try install(hook, ["claude-code", "--remove"]).stdout.contains("no Airlock hooks for claude-code to remove"))
    }

    @Test func badSettingsAreRefusedAndNothingIsWritten() throws {
        let hook = try HookFixture()
        let broken = "{\n  \"hooks\": {\n    \"Stop\": [,]\n  }\n}\n"
        try CLIHarness.write(broken, to: ".claude/settings.json", in: hook.root)
        let result = try install(hook, ["claude-code"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(".claude/settings.json: not valid JSON: line 3: "), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was written"))
        #expect(try hook.review.read(".claude/settings.json") == broken)

        try CLIHarness.write(#"{"hooks": []}"#, to: ".gemini/settings.json", in: hook.root)
        #expect(try install(hook, ["gemini"]).stderr.contains(#""hooks" is an array, not an object"#))

        let outside = try CLIHarness.temporaryDirectory()
        try CLIHarness.write("{}", to: "hooks.json", in: outside)
        try FileManager.default.createDirectory(at: hook.root.appendingPathComponent(".codex"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: hook.path + "/.codex/hooks.json", withDestinationPath: outside.path + "/hooks.json")
        let linked = try install(hook, ["codex"])
        #expect(linked.status == 2 && linked.stderr.contains("is a symlink"), "\(linked.stderr)")
        #expect(try CLIHarness.read("hooks.json", in: outside) == "{}")

        #expect(try install(hook, ["cursor\u{1b}[2J"]).stderr.contains("cursor\\x1b[2J: not an agent Airlock has hooks for"))
    }

    @Test func printShowsTheResultAndWritesNothing() throws {
        let hook = try HookFixture()
        let result = try install(hook, ["codex", "--print"])
        #expect(result.status == 0)
        #expect(try JSONParser.parse(Array(result.stdout.utf8))["hooks"]?["PreToolUse"] != nil)
        #expect(!FileManager.default.fileExists(atPath: hook.path + "/.codex/hooks.json"))
    }
}
