import AirlockCore
import MCP

/// What a tool call answers: text for the model to read, the same facts as structured
/// content, and whether the call failed.
public struct ToolReply: Sendable, Equatable {
    public var text: String
    public var structured: JSONValue
    public var isError: Bool

    public init(text: String, structured: JSONValue, isError: Bool = false) {
        self.text = text
        self.structured = structured
        self.isError = isError
    }

    /// A result whose structured content is `value` encoded with its keys.
    static func result(_ text: String, _ value: some Encodable) -> ToolReply {
        do {
            return ToolReply(text: text, structured: try JSONValue(encoding: value))
        } catch {
            return failure("cannot encode the result: \(error)")
        }
    }

    /// A failed call: the message as text and as `{"error": …}`.
    static func failure(_ message: String, argument: String? = nil) -> ToolReply {
        var structured: [String: JSONValue] = ["error": .string(message)]
        if let argument { structured["argument"] = .string(argument) }
        return ToolReply(text: message, structured: .object(structured), isError: true)
    }

    /// The reply as the MCP library sends it.
    public var mcpResult: CallTool.Result {
        let content: [Tool.Content] = [.text(text: text, annotations: nil, _meta: nil)]
        // The library's generic initialiser takes a `Value` as it is (it only re-encodes
        // other types, which would turn data-URL strings into bytes); it cannot throw here.
        return (try? CallTool.Result(content: content, structuredContent: structured.mcpValue, isError: isError))
            ?? CallTool.Result(content: content, isError: isError)
    }
}
