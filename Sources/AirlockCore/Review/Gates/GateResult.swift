/// The outcome of one policy gate on one proposal, as the cockpit shows it and the
/// decision records it: `max_lines` failed, "1,204 lines > 1,000".
public struct GateResult: Codable, Equatable, Sendable {
    /// The gate's name, as its setting is called: `protected_paths`, `max_files`, `max_lines`.
    public var gate: String
    public var passed: Bool
    /// A sentence for the reviewer; paths in it are already escaped for the terminal.
    public var detail: String

    public init(gate: String, passed: Bool, detail: String) {
        self.gate = gate
        self.passed = passed
        self.detail = detail
    }
}
