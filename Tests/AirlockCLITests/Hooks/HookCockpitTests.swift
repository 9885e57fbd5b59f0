import AirlockCore
import Foundation
import Testing

/// Hook status events reach a running cockpit's agents pane live, without a key.
@Suite("Hook status in the cockpit", .requires(.tmux))
struct HookCockpitTests {
    @Test func hookEventsShowInTheAgentsPane() throws {
        let hook = try HookFixture()
        let screen = try TmuxScreen.airlock(["cockpit"], in: hook.root, width: 120, height: 40, environment: TmuxScreen.environment())
        try screen.waitFor(text: "Queue · 0 waiting")
        let session: [String: Any] = ["session_id": "c0ffee00-1", "cwd": hook.path, "transcript_path": "/tmp/t"]
        func send(_ fields: [String: Any]) throws {
            let result = try hook.run("claude-code", try hook.event(session.merging(fields) { a, _ in a }))
            #expect(result.status == 0, "\(result.stderr)")
        }
        try send(["hook_event_name": "UserPromptSubmit", "prompt": "go"])
        try screen.waitFor(text: "claude-code-c0ffee00")
        try screen.waitFor(text: "working on a prompt")
        try send(["hook_event_name": "Notification", "message": "needs approval \u{1b}[2J now", "notification_type": "permission_prompt"])
        try screen.waitFor(text: "blocked")
        try screen.waitFor(text: "needs approval \\x1b[2J now")
        try send(["hook_event_name": "Stop", "stop_hook_active": false])
        try screen.waitFor(text: "turn ended")
        try screen.waitFor(text: "idle")
        try screen.send(keys: "q")
        #expect(try screen.waitForExit() == 0)
    }
}
