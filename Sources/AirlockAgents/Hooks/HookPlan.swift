import AirlockCore

/// An agent's todo list, from the tool that writes it: Claude Code's `TodoWrite`
/// (`{todos: [{content, status, activeForm}]}`) or Gemini CLI's `write_todos`
/// (`{todos: [{description, status}]}`).
public enum HookPlan {
    /// Most items kept: a plan is read at a glance.
    static let maxItems = 100

    public static func items(_ input: OrderedJSON, agent: HookAgent) throws(HookInputError) -> [PlanItem] {
        guard let todos = input["todos"]?.array else { throw HookInputError(field: "tool_input.todos", "missing, or not an array") }
        let textKey = agent == .gemini ? "description" : "content"
        var items: [PlanItem] = []
        for (index, todo) in todos.prefix(maxItems).enumerated() {
            let field = "tool_input.todos[\(index)]"
            guard todo.members != nil else { throw HookInputError(field: field, "expected an object, got \(todo.kindName)") }
            let text = try HookEvent.text(todo, textKey, in: field)
            let status = try HookEvent.optionalText(todo, "status", in: field) ?? "pending"
            switch status {
            case "pending": items.append(PlanItem(text, status: .pending))
            case "in_progress": items.append(PlanItem(text, status: .inProgress))
            case "completed": items.append(PlanItem(text, status: .completed))
            case "cancelled": items.append(PlanItem(text + " (cancelled)", status: .completed))
            case "blocked": items.append(PlanItem(text + " (blocked)", status: .pending))
            default: throw HookInputError(field: "\(field).status", "\(VisibleText.escape(status)) is not a todo status")
            }
        }
        return items
    }
}
