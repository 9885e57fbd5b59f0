import Foundation
import Testing
import AirlockCore

/// The byte-built JSON that the audit chain hashes and `list --json` prints.
@Suite("Canonical JSON")
struct CanonicalJSONTests {
    @Test(arguments: [0, 7, -7, 10, 99, 100, 1_795_231_844_893, Int64.max, Int64.min])
    func integersAreWrittenAsSwiftPrintsThem(value: Int64) {
        var out: [UInt8] = Array("x".utf8)
        CanonicalJSON.appendInteger(value, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "x\(value)")
    }

    @Test(arguments: [
        "plain", "", "quote \" and backslash \\ and slash /", "line\nbreak\ttab\rreturn",
        "controls \u{00}\u{01}\u{08}\u{0C}\u{1b}[2J\u{1f}\u{7f}", "naïve ✓ \u{202E} 🚀",
    ])
    func stringsDecodeToWhatWasWritten(text: String) throws {
        var out: [UInt8] = []
        CanonicalJSON.appendString(text, to: &out)
        #expect(try JSONDecoder().decode(String.self, from: Data(out)) == text)
        var fromBytes: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { CanonicalJSON.appendString(utf8: $0, to: &fromBytes) }
        #expect(fromBytes == out)
    }

    @Test func invalidUTF8BecomesTheReplacementCharacter() throws {
        let damaged: [UInt8] = [0x61, 0xFF, 0x62, 0xE2, 0x82]
        var out: [UInt8] = []
        damaged.withUnsafeBufferPointer { CanonicalJSON.appendString(utf8: $0, to: &out) }
        #expect(String(validating: out, as: UTF8.self) != nil)
        #expect(try JSONDecoder().decode(String.self, from: Data(out)) == "a\u{FFFD}b\u{FFFD}")
    }
}
