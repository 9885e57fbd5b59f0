import AirlockAgents
import Testing

/// The order-keeping JSON reader and writer that settings files and notebooks go through.
@Suite("OrderedJSON")
struct OrderedJSONTests {
    @Test func aValueRoundTripsWithItsOrderAndNumbers() throws {
        let text = #"""
            {
              "z": 1,
              "a": [
                1.50,
                -0,
                2e10,
                true,
                null,
                "é \u00e9 \ud83d\ude00 \u001b"
              ],
              "m": {}
            }
            """#
        let value = try JSONParser.parse(Array(text.utf8))
        #expect(value.members?.map(\.key) == ["z", "a", "m"])
        #expect(value["a"]?.array?[5] == .string("é é 😀 \u{1b}"))
        #expect(value.text() == text.replacingOccurrences(of: #"\u00e9"#, with: "é").replacingOccurrences(of: #"\ud83d\ude00"#, with: "😀"))
        #expect(try JSONParser.parse(Array(value.text(indentUnit: 1).utf8)) == value)
    }

    @Test func badTextIsRefusedWithItsLine() {
        let cases: [(String, String)] = [
            ("{\n\"a\": 1,\n}", "line 3: expected a key in double quotes"),
            ("[01]", "line 1: a number may not start with 0"),
            ("[1.]", "line 1: expected digits after '.'"),
            ("\"a\u{01}b\"", "line 1: a control character (0x1) inside a string must be escaped"),
            (#""\udc00""#, #"line 1: a lone surrogate \udc00 in a string"#),
            ("{} {}", "line 1: unexpected text after the JSON value"),
            ("[\"abc", "line 1: a string is not closed"),
            ("\n\n  tru", "line 3: unexpected text: expected a value"),
            ("// comment\n{}", "line 1: unexpected character '/': expected a value"),
        ]
        for (text, message) in cases {
            do {
                _ = try JSONParser.parse(Array(text.utf8))
                Issue.record("parsed \(text)")
            } catch {
                #expect(error.description == message, "\(text)")
            }
        }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }
}
