import Foundation
import Testing
@testable import AirlockCore

@Suite("WorkspaceConfig: files and line numbers")
struct ConfigFileTests {
    // MARK: - load(path:)

    @Test func loadsAFile() throws {
        let sandbox = try Sandbox()
        sandbox.write(".airlock/config.toml", "[gates]\nmax_files = 9\n")
        let config = try WorkspaceConfig.load(path: sandbox.workspace + "/.airlock/config.toml")
        #expect(config.gates.maxFiles == 9)
    }

    @Test func aMissingFileIsAnErrorNamingThePath() throws {
        let sandbox = try Sandbox()
        let path = sandbox.workspace + "/.airlock/config.toml"
        #expect(throws: ConfigError(file: path, "cannot read the config file: No such file or directory")) {
            try WorkspaceConfig.load(path: path)
        }
    }

    @Test func errorsInALoadedFileNameThePathAndLine() throws {
        let sandbox = try Sandbox()
        sandbox.write(".airlock/config.toml", "[store]\nbusy_timeout_ms = \"5s\"\n")
        let path = sandbox.workspace + "/.airlock/config.toml"
        do {
            _ = try WorkspaceConfig.load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(path):2: field store.busy_timeout_ms: expected a non-negative integer, got \"5s\"")
            #expect(error.line == 2)
            #expect(error.field == "store.busy_timeout_ms")
        }
    }

    @Test func invalidUTF8IsRefusedWithItsLine() throws {
        let sandbox = try Sandbox()
        sandbox.write(".airlock/config.toml", bytes: Array("[review]\n".utf8) + [0x65, 0x3D, 0xFF, 0x0A])
        let path = sandbox.workspace + "/.airlock/config.toml"
        #expect(throws: ConfigError(file: path, line: 2, "the file is not valid UTF-8")) {
            try WorkspaceConfig.load(path: path)
        }
    }

    // MARK: - Key lines

    @Test func linesOfKeysHeadersAndElements() {
        let lines = TOMLKeyLines("""
            # comment
            approvers = ["a",
              # a comment inside
              "b", 'c',
            ]
            text = \"\"\"
            [not.a.table]
            not_a_key = 1
            \"\"\"
            literal = '''
            x = 2'''

            [ gates ]   # trailing
            "quoted key" = 1
            'single' = { inner = 2, other = [3,
              4] }
            dotted . key = 1979-05-27 07:32:00Z
            [[servers]]
            name = "a"
            [[servers]]
            name = "b"
            """)
        #expect(lines.line(of: ["approvers"]) == 2)
        #expect(lines.line(of: ["approvers", "[0]"]) == 2)
        #expect(lines.line(of: ["approvers", "[1]"]) == 4)
        #expect(lines.line(of: ["approvers", "[2]"]) == 4)
        #expect(lines.line(of: ["text"]) == 6)
        #expect(lines.line(of: ["not", "a", "table"]) == nil)
        #expect(lines.line(of: ["not_a_key"]) == nil)
        #expect(lines.line(of: ["literal"]) == 10)
        #expect(lines.line(of: ["x"]) == nil)
        #expect(lines.line(of: ["gates"]) == 13)
        #expect(lines.line(of: ["gates", "quoted key"]) == 14)
        #expect(lines.line(of: ["gates", "single"]) == 15)
        #expect(lines.line(of: ["gates", "single", "inner"]) == 15)
        #expect(lines.line(of: ["gates", "single", "other", "[1]"]) == 16)
        #expect(lines.line(of: ["gates", "dotted", "key"]) == 17)
        #expect(lines.line(of: ["servers"]) == 18)
        #expect(lines.line(of: ["servers", "[0]", "name"]) == 19)
        #expect(lines.line(of: ["servers", "[1]"]) == 20)
        #expect(lines.line(of: ["servers", "[1]", "name"]) == 21)
        // An unknown path falls back to its longest known prefix.
        #expect(lines.line(of: ["gates", "single", "missing"]) == 15)
        #expect(lines.line(of: ["nowhere"]) == nil)
    }

    @Test func escapedQuotesInMultiLineStringsDoNotEndThem() {
        let lines = TOMLKeyLines("a = \"\"\"x\\\"\"\"\ny\"\"\"\nb = 1\nc = \"\\\"\" # \"\nd = 2\n")
        #expect(lines.line(of: ["b"]) == 3)
        #expect(lines.line(of: ["d"]) == 5)
    }

    /// The scanner is meant for text TOMLKit accepted, yet on anything it must end (within
    /// the limit, not hang the suite), keeping the lines it found before the nonsense.
    @Test(.timeLimit(.minutes(1)))
    func scanningNonsenseEndsWithWhatItFound() {
        let cases: [(text: String, path: [String], line: Int?)] = [
            ("[", ["a"], nil),
            ("a = [", ["a"], 1),
            ("a = {", ["a"], 1),
            ("\"", [""], 1),
            ("'''", [""], 1),
            ("= = =", ["a"], nil),
            ("[[[[", ["a"], nil),
            ("a.\n", ["a"], 1),
            ("\\", ["a"], nil),
            ("first = 1\n[\n", ["first"], 1),
            ("first = 1\nsecond = [\n", ["second"], 2),
            ("first = 1\n\"\nthird = 3\n", ["first"], 1),
        ]
        for (text, path, line) in cases {
            #expect(TOMLKeyLines(text).line(of: path) == line, "\(text.debugDescription): \(path)")
        }
    }
}

