import AirlockAgents
import Foundation
import MCP
import Testing

/// The transport's wrapping of tool arguments, which keeps them past the MCP library's
/// decoding exactly as the client sent them.
@Suite("MCP argument envelope")
struct ArgumentEnvelopeTests {
    @Test func argumentsSurviveTheLibrarysDecodingExactly() throws {
        let arguments: JSONValue = .object([
            "content": .string("data:,a%20b\n"), "nested": .array([.string("data:text/plain;base64,aGk="), .integer(7), .number(1.5), .bool(true), .null]),
        ])
        let message = #"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"propose_write","arguments":\#(arguments.jsonText())}}"#
        let wrapped = ArgumentEnvelope.wrapping(Data(message.utf8))
        #expect(wrapped.requestID == "9")
        // What the library hands the handler: its own decoding of the params.
        let params = try JSONDecoder().decode(CallTool.Parameters.self, from: Data(try #require(JSONValue(json: wrapped.data)["params"]).jsonText().utf8))
        #expect(params.name == "propose_write")
        let unwrapped = try ArgumentEnvelope.unwrap(params.arguments).get()
        #expect(unwrapped == arguments)
    }

    @Test func withoutTheEnvelopeADataURLIsRefusedRatherThanChanged() throws {
        let params = try JSONDecoder().decode(CallTool.Parameters.self, from: Data(#"{"name":"propose_write","arguments":{"path":"a","content":"data:,x"}}"#.utf8))
        let result = ArgumentEnvelope.unwrap(params.arguments)
        guard case .failure(let error) = result else {
            Issue.record("the changed string was accepted: \(result)")
            return
        }
        #expect(error.argument == "content")
    }

    @Test func otherMessagesPassUnchanged() {
        for message in [#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, #"{"jsonrpc":"2.0","id":"a","result":{}}"#, "not json", #"[1,2]"#] {
            let wrapped = ArgumentEnvelope.wrapping(Data(message.utf8))
            #expect(wrapped.data == Data(message.utf8))
            #expect(wrapped.requestID == nil, "\(message)")
        }
        #expect(ArgumentEnvelope.wrapping(Data(#"{"jsonrpc":"2.0","id":"x-1","method":"tools/list"}"#.utf8)).requestID == #""x-1""#)
    }
}
