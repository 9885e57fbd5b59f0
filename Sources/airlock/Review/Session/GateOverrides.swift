import AirlockCore

/// Asks for a typed reason for each failing gate, as approving past a gate requires.
enum GateOverrides {
    /// The overrides, or nil when the reviewer cancelled with an empty answer.
    static func ask(for gates: [GateResult], on console: ReviewConsole) throws(ReviewEnded) -> [GateOverride]? {
        var overrides: [GateOverride] = []
        for gate in gates where !gate.passed {
            let reason = try console.ask("Gate \(gate.gate) fails (\(gate.detail)). Type a reason to override, or empty to cancel: ")
            if reason.isEmpty {
                console.line("Cancelled: nothing decided.", .notice)
                return nil
            }
            overrides.append(GateOverride(gate: gate.gate, reason: reason))
        }
        return overrides
    }

    /// Asks for the reasons the draft's failing gates need and puts them in it; false
    /// when the reviewer cancelled.
    static func ask(into draft: inout ReviewDraft, on console: ReviewConsole) throws(ReviewEnded) -> Bool {
        guard let overrides = try ask(for: draft.gates, on: console) else { return false }
        draft.overrideReasons = Dictionary(overrides.map { ($0.gate, $0.reason) }, uniquingKeysWith: { _, last in last })
        return true
    }
}
