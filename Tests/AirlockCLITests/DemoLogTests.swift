import Foundation
import Testing
@testable import airlock

/// The agents' log as the demo reads it for the screen: whole lines only, escaped.
@Suite("the demo's agents log")
struct DemoLogTests {
    @Test func completeLinesAreReadOnceAndEscaped() throws {
        let file = try CLIHarness.temporaryDirectory().appendingPathComponent("agents.log")
        try Data("10:00:00 coder-1  status working: x\n10:00:01 forged \u{1b}[2J\u{202E}gnihton\nhalf a li".utf8).write(to: file)
        var log = try DemoLog(file)
        #expect(log.newLines() == ["10:00:00 coder-1  status working: x", "10:00:01 forged \\x1b[2J\\u{202e}gnihton"])
        #expect(log.newLines() == [])
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("ne\n".utf8))
        try handle.close()
        #expect(log.newLines() == ["half a line"])
    }
}
