@testable import AirlockCore
@testable import airlock
import Foundation
import Testing

/// Text an agent wrote reaches the reviewer escaped, marked and set apart: it cannot hide
/// a character, pass for another letter, or imitate a line or a heading Airlock computed.
@Suite("Hostile text in show, list, the review page and patch check")
struct HostileTextTests {
    /// One code point of each class that hides a character or passes for another.
    static let hidden: [Unicode.Scalar] = [
        "\u{AD}", "\u{34F}", "\u{61C}", "\u{17B4}", "\u{180E}", "\u{200B}", "\u{202E}", "\u{2060}", "\u{FEFF}",
        "\u{1BCA0}", "\u{1D173}", "\u{E0041}",  // default-ignorable
        "\u{115F}", "\u{1160}", "\u{3164}", "\u{FFA0}", "\u{2800}",  // Hangul fillers, blank braille
        "\u{A0}", "\u{2003}", "\u{202F}", "\u{3000}",  // spaces other than U+0020
        "\u{FE00}", "\u{FE0F}", "\u{E0100}",  // variation selectors
        "\u{338}", "\u{20D2}", "\u{20E5}", "\u{1CD4}",  // overlays
    ]
    static var hiddenText: String {
        var text = ""
        for scalar in hidden { text.unicodeScalars.append(contentsOf: ["<", scalar, ">"]) }
        return text
    }

    static let lib = "func realFunction() {\n    let a = 1\n    let b = 2\n    let c = 3\n    let d = 4\n}\n"

    /// A heading naming a function the file does not have, and a "100%" rename that
    /// rewrites every line.
    static let claims = """
        diff --git a/lib.swift b/lib.swift
        index 1111111..2222222 100644
        --- a/lib.swift
        +++ b/lib.swift
        @@ -3,3 +3,3 @@ func approveEverything()
             let b = 2
        -    let c = 3
        +    let c = 30
             let d = 4
        diff --git a/old.txt b/new.txt
        similarity index 100%
        rename from old.txt
        rename to new.txt
        index 3333333..4444444 100644
        --- a/old.txt
        +++ b/new.txt
        @@ -1,2 +1,2 @@ func approveEverything()
        -x
        -y
        +X
        +Y

        """

    static func creating(_ path: String, line: String) -> String {
        "diff --git a/\(path) b/\(path)\nnew file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1 @@\n+\(line)\n"
    }

    private func workspace() throws -> URL {
        let dir = try CLIHarness.temporaryDirectory()
        try CLIHarness.write(Self.lib, to: "lib.swift", in: dir)
        try CLIHarness.write("x\ny\n", to: "old.txt", in: dir)
        let result = try CLIHarness.run(["init"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        return dir
    }

    private func propose(_ patch: String, in dir: URL, _ extra: [String] = []) throws {
        let result = try CLIHarness.run(["propose"] + extra + ["-"], in: dir, input: Array(patch.utf8))
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// Output with the rows that `AgentQuote.cut` made joined again.
    private func uncut(_ output: String) -> String {
        var joined = output
        for continuation in ["\n    \u{2502} ", "\n    | ", "\n+\u{2502} ", "\n+| "] { joined = joined.replacingOccurrences(of: continuation, with: "") }
        return joined
    }

    private func expectEscaped(_ output: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for scalar in Self.hidden {
            #expect(!output.unicodeScalars.contains(scalar), "U+\(String(scalar.value, radix: 16)) reaches \(what) raw", sourceLocation: sourceLocation)
            #expect(uncut(output).contains("<\\u{\(String(scalar.value, radix: 16))}>"), "U+\(String(scalar.value, radix: 16)) is not shown in \(what)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - claims

    @Test func aHeadingOrSimilarityTheAgentWroteIsNeverShown() throws {
        let dir = try workspace()
        try propose(Self.claims, in: dir)
        let shown = try CLIHarness.run(["show", "1"], in: dir)
        #expect(shown.status == 0, "\(shown.stderr)")
        let json = try CLIHarness.run(["show", "1", "--json"], in: dir)
        for output in [shown.stdout, json.stdout] {
            for claim in ["approveEverything", "similarity index", "100%", "1111111", "3333333"] {
                #expect(!output.contains(claim), "\(claim) is shown:\n\(output)")
            }
        }
        #expect(shown.stdout.contains("@@ -3,3 +3,3 @@ func realFunction() {\n"), "the heading git would compute")
        #expect(shown.stdout.contains("@@ -1,2 +1,2 @@\n-x\n"))

        // patch stat --json names the digest propose gives: the same computed headings.
        try CLIHarness.write(Self.claims, to: "../\(dir.lastPathComponent).patch", in: dir)
        let stat = try CLIHarness.run(["patch", "stat", "--json", "../\(dir.lastPathComponent).patch"], in: dir)
        let statDigest = try #require(try JSONSerialization.jsonObject(with: Data(stat.stdout.utf8)) as? [String: Any])["digest"] as? String
        let shownDigest = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])["digest"] as? String
        #expect(statDigest != nil && statDigest == shownDigest, "\(stat.stdout)\(stat.stderr)")
    }

    // MARK: - invisible and look-alike characters

    @Test func hiddenCharactersShowEscapedInShowAndList() throws {
        let dir = try workspace()
        let path = "new" + Self.hiddenText + ".txt"
        try propose(Self.creating(path, line: "added " + Self.hiddenText), in: dir, ["--title", "approve " + Self.hiddenText])
        let shown = try CLIHarness.run(["show", "1"], in: dir)
        #expect(shown.status == 0, "\(shown.stderr)")
        expectEscaped(shown.stdout, "show")
        #expect(shown.stdout.contains("  title:     approve <\\u{ad}>"))
        #expect(shown.stdout.contains("\n+added <\\u{ad}>"), "the diff line")
        #expect(uncut(shown.stdout).contains("  create new<\\u{ad}>") && uncut(shown.stdout).contains(".txt [non-ASCII] (+1 -0)\n"), "the file list")
        let listed = try CLIHarness.run(["list"], in: dir)
        expectEscaped(listed.stdout, "list")
    }

    @Test func aMixedScriptPathIsMarkedInEveryList() throws {
        let dir = try workspace()
        let path = "p\u{430}th.txt"
        let patch = Self.creating(path, line: "hello")
        try propose(patch, in: dir)
        let shown = try CLIHarness.run(["show", "1"], in: dir)
        #expect(shown.stdout.contains("  create p\u{430}th.txt [mixed scripts: Latin+Cyrillic] (+1 -0)\n"), "\(shown.stdout)")
        try CLIHarness.write(patch, to: "../\(dir.lastPathComponent).patch", in: dir)
        let checked = try CLIHarness.run(["patch", "check", "../\(dir.lastPathComponent).patch"], in: dir)
        #expect(checked.stdout.contains("create p\u{430}th.txt [mixed scripts: Latin+Cyrillic]\n"), "\(checked.stdout)\(checked.stderr)")
        let stat = try CLIHarness.run(["patch", "stat", "../\(dir.lastPathComponent).patch"], in: dir)
        #expect(stat.stdout.contains(" p\u{430}th.txt [mixed scripts: Latin+Cyrillic] | +1 -0\n"), "\(stat.stdout)\(stat.stderr)")
        // --numstat stays byte for byte what git prints: a mark there would break scripts.
        let numstat = try CLIHarness.run(["patch", "stat", "--numstat", "../\(dir.lastPathComponent).patch"], in: dir)
        let git = try SystemProcessRunner().run(ProcessCommand("git", ["apply", "--numstat", "-"], workingDirectory: dir.path, standardInput: .bytes(Array(patch.utf8))))
        #expect(numstat.stdout == String(decoding: git.standardOutput, as: UTF8.self))
        #expect(numstat.stdout == "1\t0\t\"p\\320\\260th.txt\"\n")
        let plain = try CLIHarness.run(["patch", "check", "-"], in: dir, input: Array(Self.creating("path.txt", line: "hello").utf8))
        #expect(plain.stdout.contains("create path.txt\n"), "\(plain.stdout)\(plain.stderr)")
    }

    // MARK: - agent text set apart

    @Test(arguments: [("C.UTF-8", "│ "), ("C", "| ")])
    func aRationaleCannotForgeAirlocksOwnLines(locale: String, bar: String) throws {
        let dir = try workspace()
        let forged = "looks fine\ngates:\n  pass    max_files: 1 file \u{2264} 50\nchecks:\nsee" + String(repeating: " ", count: 80) + "gates:"
        try propose(Self.creating("b.txt", line: "b"), in: dir, ["--rationale", forged])
        let shown = try CLIHarness.run(["show", "1"], in: dir, environment: ["LC_ALL": locale])
        let lines = shown.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0 == "gates:" }.count == 1, "only Airlock's own gates line:\n\(shown.stdout)")
        #expect(lines.filter { $0 == "checks:" }.count == 1)
        for line in ["looks fine", "gates:", "  pass    max_files: 1 file \u{2264} 50", "checks:"] {
            #expect(lines.contains { $0 == "    " + bar + line }, "\(line) is not quoted:\n\(shown.stdout)")
        }
        // The padded line is cut where an 80-column terminal would have wrapped it.
        let start = try #require(lines.firstIndex(of: "  rationale:")), end = try #require(lines.firstIndex(of: "files:"))
        let quoted = lines[(start + 1)..<end]
        #expect(quoted.count == 6 && quoted.allSatisfy { $0.hasPrefix("    " + bar) && $0.count <= 79 }, "\(quoted)")
    }

    // MARK: - the review page

    private func page(_ patchText: String, title: String, rationale: String, unicode: Bool) throws -> String {
        let reader = PatchReader(workspace: { path in ["lib.swift": Array(Self.lib.utf8), "old.txt": Array("x\ny\n".utf8)][path] })
        let patch = try reader.read(Array(patchText.utf8), format: .git)
        let canonical = PatchRenderer.render(patch)
        let proposal = Proposal(
            id: 7, agent: "coder-1", title: title, rationale: rationale, format: "git", patch: Data(canonical),
            digest: PatchDigest(canonicalText: canonical).hex, baseCommit: nil, preImage: [], fileCount: patch.files.count,
            addedLines: 1, removedLines: 0, state: .ready, stateReason: nil, createdAt: 0, updatedAt: 0)
        let terminal = ScriptedTerminal([], unicode: unicode)
        ProposalPage(proposal: proposal, patch: patch, checks: [], gates: [GateResult(gate: "max_files", passed: true, detail: "1 file")], now: 0)
            .show(on: ReviewConsole(terminal: terminal))
        return terminal.written
    }

    @Test func theReviewPageEscapesMarksAndQuotes() throws {
        let hiddenPath = "new" + Self.hiddenText + ".txt"
        let patch = Self.creating(hiddenPath, line: "added " + Self.hiddenText) + Self.creating("p\u{430}th.txt", line: "x")
        let forged = "ok\nGates:\n  \u{2713} max_files: 1 file \u{2264} 50"
        let written = try page(patch, title: "approve " + Self.hiddenText, rationale: forged, unicode: true)
        expectEscaped(written, "the review page")
        let lines = written.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.hasPrefix("#7 approve <\\u{ad}><\\u{34f}>") })
        #expect(lines.contains { $0.hasPrefix("    \u{2502} ") && $0.hasSuffix("<\\u{1cd4}>") }, "the rest of the long title behind the bar")
        #expect(lines.filter { $0 == "Gates:" }.count == 1, "only the page's own Gates line:\n\(written)")
        #expect(lines.contains("  \u{2502} Gates:") && lines.contains("  \u{2502}   \u{2713} max_files: 1 file \u{2264} 50"))
        #expect(lines.contains("  create p\u{430}th.txt [mixed scripts: Latin+Cyrillic] (+1 -0)"))
        #expect(lines.contains { $0.hasPrefix("+added <\\u{ad}><\\u{34f}>") }, "the diff line")
        #expect(uncut(written).contains("\n  create new<\\u{ad}>") && uncut(written).contains(".txt [non-ASCII] (+1 -0)\n"))

        let ascii = try page(patch, title: "t", rationale: forged, unicode: false)
        #expect(ascii.split(separator: "\n").contains("  | Gates:"))
    }

    @Test func theReviewPageShowsNoClaimedHeading() throws {
        let written = try page(Self.claims, title: "t", rationale: "", unicode: true)
        #expect(!written.contains("approveEverything") && !written.contains("similarity"))
        #expect(written.contains("@@ -3,3 +3,3 @@ func realFunction() {\n"))
        #expect(written.contains("\n#7 t\n"), "a short title stays on the heading line")
    }

    /// An added line padded so that its rest wraps to the margin would read as a context
    /// line: every row of it keeps the `+`.
    @Test func aPaddedDiffLineKeepsItsMarkOnEveryRow() throws {
        let padded = "+" + String(repeating: " ", count: 100) + "    return true"
        let patch = "diff --git a/lib.swift b/lib.swift\n--- a/lib.swift\n+++ b/lib.swift\n@@ -2,2 +2,3 @@\n     let a = 1\n\(padded)\n     let b = 2\n"
        let written = try page(patch, title: "t", rationale: "", unicode: true)
        let lines = written.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.hasPrefix("+\u{2502} ") && $0.hasSuffix("    return true") }, "\(written)")
        #expect(!lines.contains { $0.hasPrefix(" ") && $0.hasSuffix("return true") })
        #expect(lines.allSatisfy { $0.count <= 79 })

        let dir = try workspace()
        try propose(patch, in: dir)
        let shown = try CLIHarness.run(["show", "1"], in: dir, environment: ["LC_ALL": "C"])
        let shownLines = shown.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(shownLines.contains { $0.hasPrefix("+| ") && $0.hasSuffix("    return true") }, "\(shown.stdout)")
        #expect(shownLines.allSatisfy { $0.count <= 79 || ProposalText.isLabelledHash($0) })
    }

    @Test func aPaddedTitleCannotWrapIntoAForgedLine() throws {
        let title = "Fix typo" + String(repeating: " ", count: 75) + "Gates:"
        let written = try page(Self.claims, title: title, rationale: "", unicode: true)
        let lines = written.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("Gates:") }.count == 1, "\(written)")
        #expect(lines.prefix(4).allSatisfy { $0.count <= 79 })

        let dir = try workspace()
        try propose(Self.creating("b.txt", line: "b"), in: dir, ["--title", title])
        let shown = try CLIHarness.run(["show", "1"], in: dir, environment: ["LC_ALL": "C"])
        let shownLines = shown.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(shownLines.contains { $0.hasPrefix("  title:     Fix typo ") }, "\(shown.stdout)")
        #expect(shownLines.contains { $0.hasPrefix("    |  ") && $0.hasSuffix(" Gates:") }, "the rest behind the bar")
        #expect(shownLines.allSatisfy { $0.count <= 79 || ProposalText.isLabelledHash($0) }, "the audit history quotes the title too:\n\(shown.stdout)")
    }
}
