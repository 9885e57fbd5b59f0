import AirlockCore
import Foundation
import Testing

/// `airlock review` on a real terminal emulator (tmux): what a person at the keyboard
/// sees and types, with the locale, `TERM` and `NO_COLOR` they have.
@Suite("airlock review in tmux", .requires(.tmux))
struct TerminalReviewTests {
    static let files = ["a.txt": "one\ntwo\nthree\n"]

    private func review(_ fixture: ReviewFixture, _ environment: [String: String] = [:], width: Int = 100, height: Int = 40) throws -> TmuxScreen {
        try TmuxScreen.airlock(["review"], in: fixture.root, width: width, height: height, environment: TmuxScreen.environment(environment))
    }

    @Test func approvingByKeysChangesTheWorkspace() throws {
        let fixture = try ReviewFixture(files: Self.files)
        let proposal = try fixture.propose(ReviewCommandTests.change, title: "Shout two")
        let screen = try review(fixture)
        try screen.waitFor(text: "Review #1 [a]pprove all")
        #expect(screen.width == 100 && screen.height == 40)
        #expect(try fixture.read("a.txt") == "one\ntwo\nthree\n", "nothing is written before the keys")
        try screen.send(keys: "a", "Enter")
        let shown = try screen.waitFor(text: "Applied #1")
        #expect(shown.contains("#1 Shout two"))
        #expect(try screen.waitForExit() == 0)
        #expect(try fixture.read("a.txt") == "one\nTWO\nthree\nfour\n")
        #expect(try fixture.proposal(proposal.id).state == .applied)
        let decision = try #require(try fixture.workspace.store.decisions(for: proposal.id).first)
        #expect(decision.reviewer.tty == (try screen.terminalPath()))
        #expect(decision.reviewer.host == "local")
    }

    @Test func typedTextIsNotReadAsKeyNames() throws {
        let fixture = try ReviewFixture(files: Self.files)
        let proposal = try fixture.propose(ReviewCommandTests.change)
        let screen = try review(fixture)
        try screen.waitFor(text: "Review #1 [a]pprove all")
        // Literal text: "Enter" is five letters here, not the key, so nothing is answered
        // until the real Enter; the word is not an answer either.
        try screen.type("Enter")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try fixture.workspace.store.decisions(for: proposal.id).isEmpty)
        try screen.send(keys: "Enter")
        try screen.waitUntil("a second prompt") { $0.lines.filter { $0.contains("Review #1 [a]pprove all") }.count == 2 }
        try screen.send(keys: "q", "Enter")
        #expect(try screen.waitForExit() == 0)
        #expect(try fixture.proposal(proposal.id).state == .ready)
    }

    @Test func underTheCLocaleEverythingShownIsASCII() throws {
        let fixture = try ReviewFixture(files: Self.files)
        try fixture.propose(ReviewCommandTests.change, title: "Shout two", rationale: "Two is important.\nSo is four.")
        let plain = try review(fixture, ["LANG": "C", "LC_ALL": "C"])
        let shown = try plain.waitFor(text: "Review #1 [a]pprove all")
        #expect(shown.contains("  | So is four."), "the quote bar in ASCII")
        let gates = shown.lines.filter { $0.contains(" max_files: ") || $0.contains(" max_lines: ") }
        #expect(gates.count == 2, "\(shown)")
        let foreign = shown.lines.flatMap { $0.unicodeScalars }.filter { !$0.isASCII }
        #expect(foreign.isEmpty, "not ASCII under LANG=C: \(foreign.map { String($0.value, radix: 16) }), screen:\n\(shown)")
        try plain.send(keys: "q", "Enter")
        #expect(try plain.waitForExit() == 0)

        // The same review on a UTF-8 terminal draws the box-drawing bar: the check above
        // looks at what the locale changes.
        let utf8 = try review(fixture, ["LANG": "C.UTF-8"])
        #expect(try utf8.waitFor(text: "Review #1 [a]pprove all").contains("  │ So is four."))
    }

    @Test func coloursFollowNoColour() throws {
        let fixture = try ReviewFixture(files: Self.files)
        try fixture.propose(ReviewCommandTests.change)
        let coloured = try review(fixture, ["TERM": "xterm-256color"])
        let withColour = try coloured.waitFor(text: "Review #1 [a]pprove all", colours: true)
        #expect(withColour.line(containing: "+TWO")?.contains("\u{1b}[") == true, "an added line is coloured:\n\(withColour)")

        let plain = try review(fixture, ["TERM": "xterm-256color", "NO_COLOR": "1"])
        let withoutColour = try plain.waitFor(text: "Review #1 [a]pprove all", colours: true)
        #expect(!withoutColour.text.contains("\u{1b}["), "NO_COLOR: no escape sequence at all:\n\(withoutColour)")
    }

    @Test func aHostileTitleCannotDriveTheTerminal() throws {
        let fixture = try ReviewFixture(files: Self.files)
        // Clear the screen, home the cursor, and write a forged prompt over the real one.
        let title = "fine\u{1b}[2J\u{1b}[H\u{1b}]0;owned\u{07}Applied #1: nothing to see\r"
        try fixture.propose(ReviewCommandTests.change, title: title, rationale: "ok\u{1b}[31m\u{9b}2J")
        let screen = try review(fixture)
        let shown = try screen.waitFor(text: "Review #1 [a]pprove all")
        #expect(shown.contains("#1 fine\\x1b[2J\\x1b[H\\x1b]0;owned\\x07Applied #1: nothing to see\\r"), "\(shown)")
        #expect(shown.line(containing: "Applied #1")?.hasPrefix("Applied") != true, "no forged line at the margin:\n\(shown)")
        #expect(shown.contains("+TWO"), "the diff above the prompt is still on the screen")
        #expect(try screen.title() != "owned", "the title escape was shown, not obeyed")
    }
}
