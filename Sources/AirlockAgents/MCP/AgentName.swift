import AirlockCore

/// Which agent an MCP session proposes as: `--agent NAME`, else `$AIRLOCK_AGENT`, else the
/// client's own name from `initialize` made into a valid agent name, else `mcp`.
public enum AgentName {
    public static let fallback = "mcp"

    /// The name given on the command line or in the environment, if any; nil when neither
    /// is set. A given name that is not valid is an error, not silently changed.
    public static func configured(option: String?, environment: [String: String]) throws(ProposalError) -> String? {
        guard let name = option ?? environment["AIRLOCK_AGENT"].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        guard ManagedWorkspace.isValidAgentName(name) else { throw ProposalError.badAgentName(name) }
        return name
    }

    /// A client's name (`Claude Code`, `codex-mcp-client`) as an agent name: letters,
    /// digits, `.`, `_` and `-` kept, every other run of characters one `-`, at most 64
    /// bytes; `mcp` when nothing is left.
    public static func sanitised(_ clientName: String) -> String {
        var name = ""
        var lastWasDash = false
        for scalar in clientName.unicodeScalars {
            let keep = scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" || scalar == "-")
            if keep {
                name.unicodeScalars.append(scalar)
                lastWasDash = scalar == "-"
            } else if !lastWasDash, !name.isEmpty {
                name += "-"
                lastWasDash = true
            }
            if name.utf8.count >= 64 { break }
        }
        while name.hasSuffix("-") { name.removeLast() }
        let trimmed = String(name.prefix(64))
        return ManagedWorkspace.isValidAgentName(trimmed) ? trimmed : fallback
    }
}
