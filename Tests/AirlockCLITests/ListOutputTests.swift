import AirlockCore
import Foundation
import GRDB
import Testing

/// `airlock list` writes its rows as bytes, not through `JSONEncoder` and string padding:
/// what it prints must still be exactly what those would print.
@Suite("airlock list output")
struct ListOutputTests {
    static let titles = [
        "plain title", "quote \" backslash \\ slash /", "tab\tnewline\nreturn\r", "escape \u{1b}[2J bell \u{07} del \u{7f}",
        "naïve café ✓ 🚀", "bidi \u{202E}gpj.exe", "", String(repeating: "long ", count: 60),
    ]

    /// A workspace with one proposal per title, from agents of different name lengths.
    private func workspace() throws -> URL {
        let root = try ManagedWorkspaceFixture.directory()
        #expect(try CLIHarness.run(["init"], in: root).status == 0)
        for (n, title) in Self.titles.enumerated() {
            let agent = n % 2 == 0 ? "a" : "coder-with-a-long-name-\(n)"
            let proposed = try CLIHarness.run(["propose", "--agent", agent, "--title", title, "-"], in: root, input: ManagedWorkspaceFixture.creation("f\(n).txt", lines: n + 1))
            #expect(proposed.status == 0, "\(proposed.stderr)")
        }
        return root
    }

    @Test func jsonIsWhatJSONEncoderWrites() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let summaries = try ManagedWorkspace.open(root: root.path).workspace.store.proposals()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(summaries), as: UTF8.self) + "\n"
        let listed = try CLIHarness.run(["list", "--json"], in: root)
        #expect(listed.status == 0)
        #expect(listed.stdout == expected)
        #expect(try JSONDecoder().decode([ProposalSummary].self, from: Data(listed.stdout.utf8)) == summaries)
        let none = try CLIHarness.run(["list", "--json", "--agent", "nobody"], in: root)
        #expect(try JSONDecoder().decode([ProposalSummary].self, from: Data(none.stdout.utf8)).isEmpty)
    }

    @Test func tableColumnsLineUpAndTextIsEscaped() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let lines = try CLIHarness.run(["list"], in: root).stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == Self.titles.count)
        for (n, line) in lines.enumerated() {
            let agent = n % 2 == 0 ? "a" : "coder-with-a-long-name-\(n)"
            let expected = "#\(n + 1)".padding(toLength: 6, withPad: " ", startingAt: 0) + "ready      "
                + (agent.count >= 14 ? agent + " " : agent.padding(toLength: 14, withPad: " ", startingAt: 0))
                + "+\(n + 1) -0".padding(toLength: 14, withPad: " ", startingAt: 0) + "1f    "
            #expect(line.hasPrefix(expected), "\(line)")
            #expect(line.hasSuffix(VisibleText.escape(Self.titles[n])), "\(line)")
        }
        #expect(!lines.joined().contains("\u{1b}") && !lines.joined().contains("\u{202E}"))
    }

    @Test func damagedStoredTextStillPrintsSafely() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try DatabaseQueue(path: root.path + "/.airlock/store.sqlite").write { db in
            // Invalid UTF-8, as only a damaged or hand-edited store would hold.
            try db.execute(sql: "UPDATE proposal SET title = CAST(X'6F6BFF1B5B32' AS TEXT) WHERE id = 1")
        }
        let table = try CLIHarness.run(["list"], in: root)
        #expect(table.stdout.split(separator: "\n").first?.hasSuffix("ok\\xff\\x1b[2") == true, "\(table.stdout)")
        let json = try CLIHarness.run(["list", "--json"], in: root)
        let decoded = try JSONDecoder().decode([ProposalSummary].self, from: Data(json.stdout.utf8))
        #expect(decoded.first?.title == "ok\u{FFFD}\u{1b}[2")
    }
}
