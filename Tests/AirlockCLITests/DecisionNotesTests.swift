import AirlockCore
import Foundation
import Testing

/// The reviewer's note and line comments reach the agent through `airlock wait` and the
/// reader through `airlock show`, in text (escaped) and JSON (as written).
@Suite("Notes and line comments in wait and show")
struct DecisionNotesTests {
    static let note = "fine \u{1b}[2J work"
    static let comments = [
        LineComment(path: "a.txt", line: 2, text: "shout \u{1b}]0;x\u{07} less"),
        LineComment(path: "a.txt", line: 2, side: .old, text: "was fine"),
    ]

    private func decided(approve: Bool) throws -> ReviewFixture {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        let proposal = try fixture.propose(PatchCommandTests.change)
        let terminal = try ReviewerTerminal()
        let service = LocalReviewService(workspace: fixture.workspace)
        if approve {
            _ = try service.blocking.approve(Approval(id: proposal.id, shownDigest: proposal.digest, note: Self.note, comments: Self.comments), by: try terminal.reviewer())
            _ = try service.blocking.apply(proposal.id)
        } else {
            _ = try service.blocking.reject(Rejection(id: proposal.id, shownDigest: proposal.digest, feedback: "no", comments: Self.comments), by: try terminal.reviewer())
        }
        return fixture
    }

    private func run(_ arguments: [String], _ fixture: ReviewFixture) throws -> CLIHarness.Result {
        try CLIHarness.run(arguments + ["--workspace", fixture.root.path], in: fixture.root)
    }

    @Test func waitGivesTheNoteAndCommentsEscaped() throws {
        let fixture = try decided(approve: true)
        let text = try run(["wait", "1"], fixture)
        #expect(text.status == 0)
        #expect(text.stdout.contains("note from the reviewer:\n  fine \\x1b[2J work\n"), "\(text.stdout)")
        #expect(text.stdout.contains("line comments from the reviewer:\n  a.txt:2: shout \\x1b]0;x\\x07 less\n  a.txt:-2: was fine\n"), "\(text.stdout)")
        #expect(!text.stdout.contains("\u{1b}"))
        let json = try run(["wait", "1", "--json"], fixture)
        let outcome = try JSONDecoder().decode(ProposalOutcome.self, from: Data(json.stdout.utf8))
        #expect(outcome.note == Self.note && outcome.comments == Self.comments)

        let rejected = try decided(approve: false)
        let feedback = try run(["wait", "1"], rejected)
        #expect(feedback.status == 3)
        #expect(feedback.stdout.contains("a.txt:2: shout \\x1b]0;x\\x07 less"))
        #expect(!feedback.stdout.contains("note from the reviewer"))
    }

    @Test func showListsThemWithTheDecision() throws {
        let fixture = try decided(approve: true)
        let text = try run(["show", "1"], fixture)
        #expect(text.stdout.contains("    note:\n    > fine \\x1b[2J work\n"), "\(text.stdout)")
        #expect(text.stdout.contains("    comment a.txt:2: shout \\x1b]0;x\\x07 less\n"), "\(text.stdout)")
        #expect(!text.stdout.contains("\u{1b}"))
        let json = try run(["show", "1", "--json"], fixture)
        #expect(json.stdout.contains(#""note" : "fine \u001b[2J work""#), "\(json.stdout)")
        #expect(json.stdout.contains(#""text" : "was fine""#))
    }
}
