import AirlockAgents
import AirlockCore
import Testing

@Suite("MCP agent names")
struct AgentNameTests {
    @Test(arguments: [
        ("claude-code", "claude-code"),
        ("Claude Code", "Claude-Code"),
        ("codex-mcp-client", "codex-mcp-client"),
        ("gemini-cli-mcp-client", "gemini-cli-mcp-client"),
        ("  spaced  out  ", "spaced-out"),
        ("\u{1b}[31mred\u{1b}[0m", "31mred-0m"),
        ("日本語", "mcp"),
        ("", "mcp"),
        ("../../etc", "..-..-etc"),
    ])
    func aClientNameBecomesAValidAgentName(_ client: String, _ agent: String) {
        #expect(AgentName.sanitised(client) == agent)
        #expect(ManagedWorkspace.isValidAgentName(AgentName.sanitised(client)))
    }

    @Test func aLongClientNameIsCutTo64Bytes() {
        let name = AgentName.sanitised(String(repeating: "ab ", count: 100))
        #expect(name.utf8.count <= 64)
        #expect(ManagedWorkspace.isValidAgentName(name))
    }

    @Test func theOptionWinsOverTheEnvironmentAndABadNameIsAnError() throws {
        #expect(try AgentName.configured(option: "one", environment: ["AIRLOCK_AGENT": "two"]) == "one")
        #expect(try AgentName.configured(option: nil, environment: ["AIRLOCK_AGENT": "two"]) == "two")
        #expect(try AgentName.configured(option: nil, environment: ["AIRLOCK_AGENT": ""]) == nil)
        #expect(try AgentName.configured(option: nil, environment: [:]) == nil)
        #expect(throws: ProposalError.badAgentName("a b")) { try AgentName.configured(option: "a b", environment: [:]) }
    }
}
