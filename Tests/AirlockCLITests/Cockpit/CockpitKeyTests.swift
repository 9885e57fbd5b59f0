import AirlockCore
import AirlockTUI
import Foundation
import Testing

/// The cockpit driven by keys on a real workspace and store, read back from its frames.
@Suite("Cockpit by keys")
struct CockpitKeyTests {
    static let lines = (1...30).map { "line \($0)" }
    static var file: String { lines.map { $0 + "\n" }.joined() }

    /// Two hunks in a.txt: line 3 and line 25 changed.
    static let twoHunks = """
        diff --git a/a.txt b/a.txt
        --- a/a.txt
        +++ b/a.txt
        @@ -2,3 +2,3 @@
         line 2
        -line 3
        +THREE
         line 4
        @@ -24,3 +24,3 @@
         line 24
        -line 25
        +TWENTY-FIVE
         line 26

        """

    static func creation(_ path: String, _ text: String) -> String {
        "diff --git a/\(path) b/\(path)\nnew file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1 @@\n+\(text)\n"
    }

    private func workspace() throws -> CockpitWorkspace {
        try CockpitWorkspace(files: ["a.txt": Self.file])
    }

    @Test func opensOnTheQueueWithTheFirstWaitingProposalSelected() throws {
        let w = try workspace()
        defer { w.remove() }
        try w.propose(Self.creation("b.txt", "bee"), agent: "coder-1", title: "Add b")
        try w.propose(Self.twoHunks, agent: "codex", title: "Shout lines")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        #expect(driver.state.focus == .queue)
        #expect(driver.state.queue.selected == 1)
        #expect(driver.screen.text.contains("#1 coder-1"))
        #expect(driver.screen.text.contains("#2 codex"))
        #expect(driver.screen.text.contains("Add b"))
        #expect(driver.screen.text.contains("+ bee"))
        #expect(driver.screen.titles.last == "airlock · 2 waiting")
        try driver.press(.character("j"))
        #expect(driver.state.queue.selected == 2)
        #expect(driver.state.open?.id == 2)
        #expect(driver.screen.text.contains("+ THREE"))
    }

    @Test func approvesByKeysAndTheWorkspaceChanges() throws {
        let w = try workspace()
        defer { w.remove() }
        try w.propose(Self.twoHunks, title: "Shout lines")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        try driver.press(.character("a"))
        #expect(driver.screen.text.contains("Approve #1"))
        #expect(driver.screen.text.contains("sha256:\(try w.service.blocking.proposal(1).proposal.digest)"))
        try driver.press(.character("y"))
        #expect(w.read("a.txt")?.contains("THREE\n") == true)
        #expect(w.read("a.txt")?.contains("TWENTY-FIVE\n") == true)
        #expect(try w.service.blocking.proposal(1).proposal.state == .applied)
        try driver.waitUntil { $0.screen.text.contains("Approved #1") }
    }

    @Test func aKeyTypedBeforeTheDialogAppearedDoesNotConfirmIt() throws {
        let w = try workspace()
        defer { w.remove() }
        try w.propose(Self.twoHunks, title: "Shout lines")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        driver.screen.inputs = [.key(.character("a")), .key(.character("y")), .key(.enter)]
        try driver.settle()
        #expect(driver.screen.discarded == [.key(.character("y")), .key(.enter)])
        #expect(try w.service.blocking.proposal(1).proposal.state == .ready)
        #expect(w.read("a.txt") == Self.file)
        // A paste is text, never a confirmation.
        driver.screen.inputs = [.paste("y\n")]
        try driver.settle()
        #expect(try w.service.blocking.proposal(1).proposal.state == .ready)
    }

    @Test func approvesOneHunkChosenInTheDiff() throws {
        let w = try workspace()
        defer { w.remove() }
        try w.propose(Self.twoHunks, title: "Shout lines")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        try driver.press(.enter)
        #expect(driver.state.focus == .diff)
        // Down to the second hunk, leave it out.
        try driver.press(.character("]"), .character("]"), .character(" "))
        #expect(driver.state.open?.selection != nil)
        try driver.press(.character("a"))
        #expect(driver.screen.text.contains("the chosen part only"))
        try driver.press(.character("y"))
        let now = w.read("a.txt") ?? ""
        #expect(now.contains("THREE\n"))
        #expect(now.contains("line 25\n") && !now.contains("TWENTY-FIVE"))
        let decision = try #require(try w.service.blocking.proposal(1).decisions.last)
        #expect(decision.digest != (try w.service.blocking.proposal(1).proposal.digest))
    }

    @Test func rejectsWithFeedbackAndALineComment() throws {
        let w = try workspace()
        defer { w.remove() }
        try w.propose(Self.twoHunks, title: "Shout lines")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        try driver.press(.enter, .character("]"), .character("j"), .character("j"), .character("j"), .character("c"))
        try driver.type("keep it lower case")
        try driver.press(.enter)
        #expect(driver.state.open?.draft.comments.map(\.formatted) == ["a.txt:3: keep it lower case"])
        try driver.press(.character("r"))
        try driver.press(.control("s"))
        #expect(driver.screen.text.contains("may not be empty"))
        try driver.type("No shouting.")
        try driver.press(.enter)
        try driver.type("Second line.")
        try driver.press(.control("s"))
        let detail = try w.service.blocking.proposal(1)
        #expect(detail.proposal.state == .rejected)
        #expect(detail.decisions.last?.feedback == "No shouting.\nSecond line.")
        #expect(w.read("a.txt") == Self.file)
    }

    @Test func aFailingGateNeedsATypedReason() throws {
        let w = try workspace()
        defer { w.remove() }
        try w.propose(Self.creation(".github/workflows/ci.yml", "on: push"), title: "CI")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        try driver.press(.character("a"))
        #expect(driver.screen.text.contains("protected_paths"))
        try driver.press(.character("y"))
        #expect(try w.service.blocking.proposal(1).proposal.state == .ready)
        #expect(driver.screen.text.contains("type a reason"))
        try driver.press(.enter)  // an empty reason is no reason
        try driver.type("CI change agreed with the team")
        try driver.press(.enter, .character("y"))
        let detail = try w.service.blocking.proposal(1)
        #expect(detail.proposal.state == .applied)
        #expect(detail.decisions.last?.overrides.map(\.reason) == ["CI change agreed with the team"])
    }

    @Test func escCancelsAndLookOnlyCannotDecide() throws {
        let w = try workspace()
        defer { w.remove() }
        try w.propose(Self.twoHunks, title: "Shout lines")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        try driver.press(.character("a"), .escape)
        #expect(driver.state.overlay == nil)
        #expect(try w.service.blocking.proposal(1).proposal.state == .ready)

        let watcher = try CockpitDriver(root: w.root, reviewer: nil, lookOnly: "airlock watch only looks")
        try watcher.settle()
        try watcher.press(.character("a"))
        #expect(watcher.state.overlay == nil)
        #expect(watcher.screen.text.contains("not available: airlock watch only looks"))
        #expect(!watcher.screen.lines.last!.contains("approve"))
    }

    @Test func seesWhatAnotherProcessDoesWithoutAKey() throws {
        let w = try workspace()
        defer { w.remove() }
        try w.propose(Self.twoHunks, title: "Shout lines")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        try driver.press(.character("a"))
        // Meanwhile, another agent proposes and another reviewer decides #1.
        try w.propose(Self.creation("c.txt", "sea"), agent: "gemini", title: "Add c")
        _ = try w.service.blocking.reject(Rejection(id: 1, shownDigest: try w.service.blocking.proposal(1).proposal.digest, feedback: "no"), by: try terminal.reviewer())
        try driver.waitUntil { $0.screen.text.contains("#2 gemini") }
        try driver.press(.character("y"))
        try driver.waitUntil { $0.screen.text.contains("#1: not approved") }
        #expect(w.read("a.txt") == Self.file)
        #expect(driver.screen.bells >= 1)
    }

    @Test func hostileTextNeverReachesTheScreenRaw() throws {
        let w = try workspace()
        defer { w.remove() }
        try w.propose(Self.creation("evil.txt", "\u{1b}]52;c;cm0gLXJmIH4=\u{07}\u{1b}[2J\u{202e}txt.exe 漢字"), title: "Fix\u{1b}[31m red \u{9b}1m")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        let frame = try #require(driver.screen.frame)
        for cell in frame.cells {
            for scalar in cell.character.unicodeScalars {
                #expect(scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value) && scalar != "\u{202e}", "control U+\(String(scalar.value, radix: 16)) on screen")
            }
        }
        #expect(driver.screen.text.contains("\\x1b]52;c;"))
        #expect(driver.screen.text.contains("\\u{202e}"))
        #expect(driver.screen.text.contains("漢字"))
    }

    @Test func holdingDownReadsOnlyWhereTheCursorStops() throws {
        let w = try workspace()
        defer { w.remove() }
        for n in 1...25 { try w.propose(Self.creation("f\(n).txt", "file \(n)"), agent: "coder-\(n % 3)", title: "File \(n)") }
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        driver.screen.inputs = Array(repeating: .key(.character("j")), count: 20)
        try driver.settle()
        #expect(driver.state.queue.selected == 21)
        #expect(driver.state.open?.id == 21)
        #expect(driver.screen.text.contains("+ file 21"))
    }

    @Test func revertsAnAppliedProposalAfterAConfirm() throws {
        let w = try workspace()
        defer { w.remove() }
        try w.propose(Self.twoHunks, title: "Shout lines")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        try driver.press(.character("a"), .character("y"))
        try driver.waitUntil { _ in (try? w.service.blocking.proposal(1).proposal.state) == .applied }
        #expect(w.read("a.txt") != Self.file)
        try driver.press(.character("f"))
        #expect(driver.state.queue.current?.state == .applied)
        try driver.press(.character("u"))
        try driver.waitUntil { $0.screen.text.contains("The reverse patch:") }
        try driver.press(.character("n"))
        #expect(try w.service.blocking.proposal(1).proposal.state == .applied)
        try driver.press(.character("u"))
        try driver.waitUntil { $0.screen.text.contains("The reverse patch:") }
        try driver.press(.character("y"))
        try driver.waitUntil { _ in (try? w.service.blocking.proposal(1).proposal.state) == .reverted }
        #expect(w.read("a.txt") == Self.file)
        try driver.waitUntil { $0.screen.text.contains("Reverted #1") }
    }

    @Test func approvesOneLineChosenInTheDiff() throws {
        let w = try workspace()
        defer { w.remove() }
        try w.propose(Self.twoHunks, title: "Shout lines")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        // Nothing chosen, then only the added line of the first hunk: its removed line
        // stays, as context.
        try driver.press(.enter, .character("-"))
        #expect(driver.screen.text.contains("nothing chosen"))
        try driver.press(.character("j"), .character("j"), .character("j"), .character("j"), .character("v"))
        #expect(driver.screen.text.contains("part chosen"))
        try driver.press(.character("a"))
        #expect(driver.screen.text.contains("the chosen part only: 1 file, +1 −0"))
        try driver.press(.character("y"))
        try driver.waitUntil { _ in (try? w.service.blocking.proposal(1).proposal.state) == .applied }
        var expected = Self.lines
        expected.insert("THREE", at: 3)
        #expect(w.read("a.txt") == expected.map { $0 + "\n" }.joined())
        let detail = try w.service.blocking.proposal(1)
        #expect(detail.decisions.last?.digest != detail.proposal.digest, "the approval names the chosen line's own digest")
    }

    @Test func searchesTheDiffAndSwitchesToSideBySide() throws {
        let w = try workspace()
        defer { w.remove() }
        try w.propose(Self.twoHunks, title: "Shout lines")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        try driver.press(.enter, .character("/"))
        try driver.type("twenty")
        try driver.press(.enter)
        try driver.waitUntil { $0.state.open?.view.isSearching == false }
        let target = try #require(driver.state.open.flatMap { $0.view.cursorTarget(in: $0.document) })
        #expect(target.newLine == 25)
        try driver.press(.character("n"))
        #expect(driver.state.open.flatMap { $0.view.cursorTarget(in: $0.document) }?.newLine == 25, "one match: n wraps to it")
        try driver.press(.character("s"))
        #expect(driver.state.open?.view.layout == .unified, "80 columns are too few")
        #expect(driver.screen.text.contains("needs 100 columns"))
        try driver.press(.character("z"))
        #expect(driver.state.open?.view.layout == .sideBySide, "zoomed, the diff has all 120")
        #expect(driver.screen.lines[0].hasPrefix("┌ #1 codex") || driver.screen.lines[0].hasPrefix("┌ #1 coder-1"))
        #expect(driver.screen.text.contains("side by side"))
    }

    @Test func marksSeveralAndDecidesThemTogetherEachUnderItsOwnDigest() throws {
        let w = try workspace()
        defer { w.remove() }
        let first = try w.propose(Self.creation("b.txt", "bee"), agent: "coder-1", title: "Add b")
        let second = try w.propose(Self.creation("c.txt", "sea"), agent: "codex", title: "Add c")
        try w.propose(Self.creation("d.txt", "dee"), agent: "gemini", title: "Add d")
        try w.propose(Self.creation("e.txt", "eee"), agent: "gemini", title: "Add e")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        try driver.press(.character(" "), .character(" "))
        #expect(driver.state.queue.marked == [1, 2])
        try driver.press(.character("a"))
        #expect(driver.screen.text.contains("Approve 2 proposals"))
        try driver.waitUntil { $0.screen.text.contains("sha256:\(second.digest)") }
        #expect(driver.screen.text.contains("sha256:\(first.digest)"))
        try driver.press(.character("y"))
        try driver.waitUntil { _ in w.read("b.txt") == "bee\n" && w.read("c.txt") == "sea\n" }
        let decisions = try [1, 2].map { try #require(try w.service.blocking.proposal($0).decisions.last) }
        #expect(decisions.map(\.digest) == [first.digest, second.digest])

        // Then the other two rejected together, with one feedback each gets.
        try driver.waitUntil { $0.state.queue.shown.map(\.id) == [3, 4] }
        try driver.press(.character("*"), .character("r"))
        try driver.type("Not now.")
        try driver.press(.control("s"))
        try driver.waitUntil { _ in (try? w.service.blocking.proposal(4).proposal.state) == .rejected }
        #expect(try w.service.blocking.proposal(3).decisions.last?.feedback == "Not now.")
        #expect(w.read("d.txt") == nil)
    }

    @Test func anAgentsReportsShowLiveAndABlockedAgentIsAnnounced() throws {
        let w = try workspace()
        defer { w.remove() }
        try w.propose(Self.twoHunks, agent: "coder-1", title: "Shout lines")
        try w.service.blocking.reportStatus(AgentStatusReport(agent: "gemini", state: .working, activity: "reading the tests"))
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        #expect(driver.screen.text.contains("gemini  working"))
        let bells = driver.screen.bells
        try w.service.blocking.reportStatus(AgentStatusReport(agent: "gemini", state: .blocked, activity: "needs you: may I run rm?"))
        try driver.waitUntil { $0.screen.text.contains("gemini  blocked") }
        // Blocked agents come first, the title counts them, and the bell rings once.
        #expect(driver.screen.lines[1].contains("gemini  blocked"))
        #expect(driver.screen.titles.last == "airlock · 1 waiting · 1 blocked")
        #expect(driver.screen.bells == bells + 1)
        try w.service.blocking.reportStatus(AgentStatusReport(agent: "gemini", state: .blocked, activity: "still waiting"))
        try driver.waitUntil { $0.screen.text.contains("still waiting") }
        #expect(driver.screen.bells == bells + 1, "not again for the same blocked agent")
        // An agent never seen before is read whole.
        try w.service.blocking.reportStatus(AgentStatusReport(agent: "newcomer", state: .idle))
        try driver.waitUntil { $0.screen.text.contains("newcomer") }
    }
}
