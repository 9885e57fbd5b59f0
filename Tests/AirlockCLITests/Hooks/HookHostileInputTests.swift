import AirlockCore
import Foundation
import Testing

/// Malformed events and hostile paths: a clear error and exit 2 (which every agent treats
/// as blocking) or a denial, and nothing queued.
@Suite("Hook input, malformed and hostile")
struct HookHostileInputTests {
    @Test func malformedInputExitsTwoNamingTheField() throws {
        let hook = try HookFixture(waitSeconds: 1)
        let cases: [(String, [UInt8], String)] = [
            ("claude-code", Array("not json".utf8), "hook input: not JSON: line 1"),
            ("claude-code", Array("{\"hook_event_name\": \"PreToolUse\",\n\"tool_name\": \"Edit\",\n}".utf8), "hook input: not JSON: line 3"),
            ("claude-code", Array("[1, 2]".utf8), "hook input: expected a JSON object, got an array"),
            ("claude-code", try hook.event(["tool_name": "Write"]), "hook input: hook_event_name: missing"),
            ("claude-code", try hook.event(["hook_event_name": "PreToolUse"]), "hook input: tool_name: missing"),
            ("claude-code", try hook.event(["hook_event_name": "Bogus\u{1b}[2J"]), "hook input: hook_event_name: Bogus\\x1b[2J is not a Claude Code event"),
            ("gemini", try hook.event(["hook_event_name": "PreToolUse", "tool_name": "write_file"]), "is not a Gemini CLI event"),
            ("claude-code", try hook.toolEvent("claude-code", tool: "Write", input: ["content": "x"]), "hook input: tool_input.file_path: missing"),
            ("claude-code", try hook.toolEvent("claude-code", tool: "Edit", input: ["file_path": hook.path + "/a.txt", "old_string": 1, "new_string": "x"]),
             "hook input: tool_input.old_string: expected a string, got a number"),
            ("gemini", try hook.toolEvent("gemini", tool: "write_file", input: ["file_path": hook.path + "/a.txt"]), "hook input: tool_input.content: missing"),
            ("codex", try hook.toolEvent("codex", tool: "apply_patch", input: [:]), "hook input: tool_input.command: missing"),
            ("claude-code", Array(String(repeating: "[", count: 5000).utf8), "nested more than 256 levels deep"),
            ("claude-code", Array(#"{"hook_event_name": "PreToolUse", "tool_name": "Write", "x": "\ud800"}"#.utf8), "lone surrogate"),
        ]
        for (kind, input, message) in cases {
            let result = try hook.run(kind, input)
            #expect(result.status == 2, "\(message): \(result.stdout)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(!result.stderr.contains("\u{1b}"))
        }
        #expect(try hook.proposals().isEmpty)
    }

    @Test func hugeInputIsRefusedUnread() throws {
        let hook = try HookFixture(waitSeconds: 1)
        let result = try hook.run("claude-code", [UInt8](repeating: UInt8(ascii: " "), count: (64 << 20) + 1))
        #expect(result.status == 2)
        #expect(result.stderr.contains("more than 64 MiB on stdin"), "\(result.stderr)")
    }

    @Test func pathsOutsideTheWorkspacePassThroughAndItsStateIsRefused() throws {
        let hook = try HookFixture(waitSeconds: 1)
        let outside = try hook.toolEvent("gemini", tool: "write_file", input: ["file_path": "../../etc/passwd", "content": "root::0:0\n"])
        let passed = try hook.run("gemini", outside)
        #expect(passed.status == 0 && passed.stdout.isEmpty, "\(passed.stdout) \(passed.stderr)")

        for path in [".git/hooks/pre-commit", "sub/.git/config", ".airlock/config.toml", "./x/../.git/config"] {
            let result = try hook.run("claude-code", try hook.toolEvent("claude-code", tool: "Write", input: ["file_path": hook.path + "/" + path, "content": "x"]))
            #expect(result.status == 0, "\(path): \(result.stderr)")
            let answer = try HookFixture.answer(result)
            #expect(answer.decision == "deny" && answer.reason.contains("Airlock refuses to write"), "\(path): \(answer.reason)")
        }
        let patch = "*** Begin Patch\n*** Add File: .git/evil\n+x\n*** End Patch\n"
        let codex = try HookFixture.answer(try hook.run("codex", try hook.toolEvent("codex", tool: "apply_patch", input: ["command": patch])))
        #expect(codex.decision == "deny" && codex.reason.contains(".git/evil"))
        let mixed = "*** Begin Patch\n*** Add File: ok.txt\n+x\n*** Add File: /tmp/elsewhere.txt\n+y\n*** End Patch\n"
        let split = try HookFixture.answer(try hook.run("codex", try hook.toolEvent("codex", tool: "apply_patch", input: ["command": mixed])))
        #expect(split.decision == "deny" && split.reason.contains("inside the workspace and outside it"), "\(split.reason)")
        #expect(try hook.proposals().isEmpty)
    }

    @Test func aSymlinkOutOfTheWorkspaceIsRefusedByTheApplier() throws {
        let hook = try HookFixture(waitSeconds: 1)
        let outside = try CLIHarness.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: hook.path + "/link", withDestinationPath: outside.path)
        let result = try hook.run("claude-code", try hook.toolEvent("claude-code", tool: "Write", input: ["file_path": hook.path + "/link/planted.sh", "content": "evil\n"]))
        let answer = try HookFixture.answer(result)
        #expect(answer.decision == "deny", "\(answer.reason)")
        #expect(answer.reason.contains("Airlock refused this Write") && answer.reason.contains("Nothing was queued"), "\(answer.reason)")
        #expect(!FileManager.default.fileExists(atPath: outside.path + "/planted.sh"))
        #expect(try hook.proposals().isEmpty)
    }

    @Test func controlCharactersInAPathNeverReachTheAnswerRaw() throws {
        let hook = try HookFixture(waitSeconds: 1)
        let result = try hook.run("claude-code", try hook.toolEvent("claude-code", tool: "Write", input: [
            "file_path": hook.path + "/.git/\u{1b}]52;c;aGk=\u{07}", "content": "x",
        ]))
        let answer = try HookFixture.answer(result)
        #expect(answer.decision == "deny")
        #expect(answer.reason.contains("\\x1b]52;c;aGk=\\x07") && !answer.reason.contains("\u{1b}"), "\(answer.reason)")
    }
}
