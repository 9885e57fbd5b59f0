@testable import AirlockCore
@testable import airlock
import Testing

/// A terminal that answers from a script and keeps what was written.
final class ScriptedTerminal: LineTerminal {
    let capabilities: TerminalTraits
    private var answers: [String]
    private(set) var written = ""

    init(_ answers: [String], unicode: Bool = true, colour: Bool = false) {
        self.answers = answers
        capabilities = TerminalTraits(unicode: unicode, colour: colour)
    }

    func write(_ text: String) { written += text }

    func readLine() -> String? { answers.isEmpty ? nil : answers.removeFirst() }

    /// The scripted answers stand for keys typed after each prompt, so none is dropped.
    private(set) var discards = 0
    func discardTypeAhead() { discards += 1 }
}

@Suite("review session pieces")
struct ReviewSessionTests {
    static let gates = [
        GateResult(gate: "max_files", passed: false, detail: "3 files, limit 1"),
        GateResult(gate: "tests", passed: true, detail: "12 passed"),
        GateResult(gate: "protected_paths", passed: false, detail: "touches `.github/\u{1b}[2Jci.yml`"),
    ]

    @Test func eachFailingGateNeedsAReason() throws {
        let terminal = ScriptedTerminal(["split later", "  CI change was requested  "])
        let overrides = try GateOverrides.ask(for: Self.gates, on: ReviewConsole(terminal: terminal))
        #expect(overrides == [GateOverride(gate: "max_files", reason: "split later"), GateOverride(gate: "protected_paths", reason: "CI change was requested")])
        #expect(terminal.written.contains("Gate max_files fails (3 files, limit 1). Type a reason to override, or empty to cancel: "))
        #expect(terminal.written.contains("touches `.github/\\x1b[2Jci.yml`"))
        #expect(!terminal.written.contains("\u{1b}"))
        #expect(!terminal.written.contains("Gate tests"))
    }

    @Test func anEmptyReasonCancels() throws {
        let terminal = ScriptedTerminal(["split later", ""])
        #expect(try GateOverrides.ask(for: Self.gates, on: ReviewConsole(terminal: terminal)) == nil)
        #expect(terminal.written.contains("Cancelled: nothing decided."))
    }

    @Test func endOfInputEndsTheReview() {
        #expect(throws: ReviewEnded.self) { try GateOverrides.ask(for: Self.gates, on: ReviewConsole(terminal: ScriptedTerminal([]))) }
    }

    @Test func promptsComeFromTheKeymap() {
        #expect(ReviewKeymap.proposalPrompt(12, lookOnly: false) == "Review #12 [a]pprove all, [h]unk by hunk, [r]eject, [s]kip, [q]uit, [?]: ")
        #expect(ReviewKeymap.proposalPrompt(12, lookOnly: true) == "Review #12 (look only) [s]kip, [q]uit, [?]: ")
        #expect(ReviewKeymap.hunkPrompt("hunk") == "Approve this hunk [y,n,a (this and all after),d (none after),q (stop; decide later)]? ")
        #expect(ReviewKeymap.action(for: "A", in: ReviewKeymap.proposal) == .approveAll)
        #expect(ReviewKeymap.action(for: "a", in: ReviewKeymap.available(ReviewKeymap.proposal, lookOnly: true)) == nil)
    }

    @Test func marksFallBackToASCII() {
        let console = ReviewConsole(terminal: ScriptedTerminal([], unicode: false))
        #expect(console.mark(passed: true) == "ok")
        #expect(console.mark(passed: false) == "FAIL")
        #expect(TerminalTraits(environment: ["LANG": "en_US.UTF-8", "TERM": "xterm"]) == TerminalTraits(unicode: true, colour: true))
        #expect(TerminalTraits(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8", "TERM": "xterm", "NO_COLOR": "1"]) == TerminalTraits(unicode: false, colour: false))
    }

    @Test func colourWrapsEscapedTextOnly() {
        let terminal = ScriptedTerminal([], colour: true)
        let console = ReviewConsole(terminal: terminal)
        console.line("+evil \u{1b}[2J", .added)
        #expect(terminal.written == "\u{1b}[32m+evil \\x1b[2J\u{1b}[0m\n")
    }

    @Test func feedbackLosesItsCommentLines() {
        #expect(Feedback.strippingComments("\n# about #3\nKeep it.\n# end\n") == "\nKeep it.\n")
    }
}
