import AirlockCore
import Foundation

/// A write a gated tool wants to make, as a proposal to queue.
public struct HookChange: Equatable, Sendable {
    /// Whether the agent's own tool may run after Airlock applied the change: a whole-file
    /// write repeats harmlessly, an edit or patch would fail or apply twice.
    public enum Repeat: Equatable, Sendable {
        case harmless
        case mustNotRepeat
    }

    public var tool: String
    public var title: String
    public var rationale: String
    public var format: PatchFormat
    public var patch: [UInt8]
    /// The files, relative to the workspace root.
    public var paths: [String]
    public var repeatAfterApply: Repeat

    public func submission(agent: String) -> Submission {
        Submission(agent: agent, title: title, rationale: rationale, format: format, patch: patch)
    }
}

/// What the hook does with one tool call.
public enum ToolCall: Equatable, Sendable {
    /// Not a tool Airlock gates, or a file outside the workspace: untouched.
    case passThrough
    /// The agent's plan, to report before the tool runs untouched.
    case plan([PlanItem])
    case change(HookChange)
    /// Refused on sight (a write into `.git` or `.airlock`), with the reason for the agent.
    case refused(String)
}

extension ToolCall {
    /// Whether `tool` needs more than its name to decide: a pass-through is decided from
    /// the name alone, before anything is opened.
    public static func needsLook(_ tool: String, agent: HookAgent) -> Bool {
        agent.gatedTools.contains(tool) || agent.planTools.contains(tool)
    }

    /// Reads the tool call of a `PreToolUse`/`BeforeTool` event.
    public static func read(_ event: HookEvent, agent: HookAgent, paths: HookPaths) throws(HookInputError) -> ToolCall {
        guard case .toolUse(let tool) = event.kind, needsLook(tool, agent: agent) else { return .passThrough }
        let input = try event.toolInput()
        if agent.planTools.contains(tool) { return .plan(try HookPlan.items(input, agent: agent)) }
        switch (agent, tool) {
        case (.claudeCode, "Write"), (.gemini, "write_file"):
            let path = try HookEvent.text(input, "file_path", in: "tool_input")
            let content = try HookEvent.text(input, "content", in: "tool_input")
            return resolve(path, paths) { relative in
                HookChange(
                    tool: tool, title: "Write \(relative)", rationale: "\(agent.displayName) \(tool), through its hook",
                    format: .edits, patch: request(EditRequest(writes: [FileWrite(path: relative, content: content)])),
                    paths: [relative], repeatAfterApply: .harmless)
            }
        case (.claudeCode, "Edit"), (.gemini, "replace"):
            let path = try HookEvent.text(input, "file_path", in: "tool_input")
            let old = try HookEvent.text(input, "old_string", in: "tool_input")
            let new = try HookEvent.text(input, "new_string", in: "tool_input")
            let all = try HookEvent.optionalFlag(input, agent == .gemini ? "allow_multiple" : "replace_all", in: "tool_input")
            let instruction = agent == .gemini ? try HookEvent.optionalText(input, "instruction", in: "tool_input") : nil
            return resolve(path, paths) { relative in
                HookChange(
                    tool: tool, title: "Edit \(relative)", rationale: instruction ?? "\(agent.displayName) \(tool), through its hook",
                    format: .edits, patch: request(EditRequest(edits: [Edit(path: relative, old: old, new: new, replaceAll: all)])),
                    paths: [relative], repeatAfterApply: .mustNotRepeat)
            }
        case (.claudeCode, "NotebookEdit"):
            let path = try HookEvent.text(input, "notebook_path", in: "tool_input")
            let edit = try NotebookCellEdit(input: input)
            switch paths.place(of: path) {
            case .outside: return .passThrough
            case .forbidden(let why): return .refused("Airlock refuses to write \(VisibleText.escape(path)): \(why).")
            case .inside(let relative): return edit.change(relative: relative, root: paths.root)
            }
        case (.codex, "apply_patch"):
            let text = try HookEvent.text(input, "command", in: "tool_input")
            return CodexPatchPaths.rebase(text, paths: paths)
        default:
            return .passThrough
        }
    }

    private static func resolve(_ path: String, _ paths: HookPaths, _ make: (String) -> HookChange) -> ToolCall {
        switch paths.place(of: path) {
        case .outside: return .passThrough
        case .forbidden(let why): return .refused("Airlock refuses to write \(VisibleText.escape(path)): \(why).")
        case .inside(let relative): return .change(make(relative))
        }
    }

    private static func request(_ request: EditRequest) -> [UInt8] {
        // Encoding plain strings and booleans cannot fail.
        (try? Array(JSONEncoder().encode(request))) ?? []
    }
}
