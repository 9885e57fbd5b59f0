import Foundation
import Testing
@testable import AirlockCore

/// The rules of a review in progress, tested once here: what is chosen, the patch and
/// digest an approval names, and when an approval or a rejection is refused.
@Suite("Review draft")
struct ReviewDraftTests {
    /// A modified file of two hunks, a created file and a pure rename.
    static let text = """
        diff --git a/f.txt b/f.txt
        --- a/f.txt
        +++ b/f.txt
        @@ -1,4 +1,4 @@
         a
        -b
        -c
        +B
        +C
         d
        @@ -9,2 +9,3 @@
         x
        +y2
         y
        diff --git a/new.txt b/new.txt
        new file mode 100644
        --- /dev/null
        +++ b/new.txt
        @@ -0,0 +1 @@
        +fresh
        diff --git a/old.txt b/moved.txt
        similarity index 100%
        rename from old.txt
        rename to moved.txt

        """
    static let digest = PatchDigest(canonicalText: Array(text.utf8)).hex

    private func draft(gates: [GateResult] = []) throws -> ReviewDraft {
        ReviewDraft(proposalID: 7, proposalDigest: Self.digest, title: "t", patch: try PatchFixtures.parse(Self.text), gates: gates)
    }

    private func ref(_ file: Int, _ hunk: Int) -> HunkSelection.HunkRef { .init(file: file, hunk: hunk) }

    @Test func wholeByDefaultUnderTheProposalsOwnDigest() throws {
        let d = try draft()
        #expect(d.coverage == .whole)
        #expect(d.selection == nil)
        #expect(try d.approvedDigest() == Self.digest)
        #expect(try d.approvedPatch() == d.patch)
        #expect(try d.approval() == Approval(id: 7, shownDigest: Self.digest))
    }

    @Test func togglingFilesHunksAndLines() throws {
        var d = try draft()
        d.toggleFile(1)
        #expect(d.coverage == .partial)
        #expect(d.coverage(ofFile: 1) == .empty)
        #expect(d.selection == HunkSelection(files: [0, 2]))
        d.toggleHunk(ref(0, 1))
        #expect(d.coverage(ofFile: 0) == .partial)
        #expect(d.selection == HunkSelection(hunks: [ref(0, 0)], files: [2]))
        d.toggleLine(2, in: ref(0, 0))  // -c left: it stays as context
        d.toggleLine(3, in: ref(0, 0))  // +B left
        #expect(d.coverage(ofHunk: ref(0, 0)) == .partial)
        #expect(!d.isChosen(line: 2, in: ref(0, 0)) && d.isChosen(line: 1, in: ref(0, 0)))
        let selection = try #require(d.selection)
        #expect(selection == HunkSelection(files: [2], lines: [ref(0, 0): [1, 4]]))
        let part = try d.approvedPatch()
        #expect(part == (try d.patch.selecting(selection)))
        #expect(try d.approvedDigest() == PatchDigest(of: part).hex)
        #expect(try d.approvedDigest() != Self.digest)
        // Context lines and lines that are not there change nothing.
        let before = d
        d.toggleLine(0, in: ref(0, 0))
        d.toggleLine(40, in: ref(0, 0))
        d.toggleHunk(ref(5, 0))
        d.toggleFile(9)
        #expect(d == before)
        // Toggling a partly chosen hunk chooses all of it, then none.
        d.toggleHunk(ref(0, 0))
        #expect(d.coverage(ofHunk: ref(0, 0)) == .whole)
        d.toggleHunk(ref(0, 0))
        #expect(d.coverage(ofHunk: ref(0, 0)) == .empty)
        d.selectAll()
        #expect(d.coverage == .whole && d.selection == nil)
        d.selectNone()
        #expect(d.coverage == .empty)
    }

    @Test func nothingChosenOrAPartOfACreatedFileIsRefused() throws {
        var d = try draft()
        d.selectNone()
        #expect(throws: DecisionError.nothingSelected) { try d.approval() }
        var created = try draft()
        created.selectNone()
        created.toggleFile(0)
        created.toggleLine(0, in: ref(1, 0))  // the created file's one line: the whole file
        #expect(created.selection == HunkSelection(files: [0, 1]))
        #expect(try created.approval().selection == HunkSelection(files: [0, 1]))
    }

    @Test func everyFailingGateNeedsAReason() throws {
        var d = try draft(gates: [
            GateResult(gate: "max_files", passed: false, detail: "3 files, limit 1"),
            GateResult(gate: "tests", passed: true, detail: "ok"),
            GateResult(gate: "protected_paths", passed: false, detail: "touches ci"),
        ])
        #expect(throws: DecisionError.gateNotOverridden(gate: "max_files", detail: "3 files, limit 1")) { try d.approval() }
        d.overrideReasons["max_files"] = "split later"
        d.overrideReasons["protected_paths"] = "   \n"
        #expect(d.unexplainedGates.map(\.gate) == ["protected_paths"])
        #expect(throws: DecisionError.gateNotOverridden(gate: "protected_paths", detail: "touches ci")) { try d.approval() }
        d.overrideReasons["protected_paths"] = "  CI change was asked for "
        d.overrideReasons["tests"] = "not failing, not sent"
        #expect(try d.approval().overrides == [
            GateOverride(gate: "max_files", reason: "split later"), GateOverride(gate: "protected_paths", reason: "CI change was asked for"),
        ])
    }

    @Test func aRejectionNeedsFeedbackAndNamesTheWholeProposal() throws {
        var d = try draft()
        d.toggleFile(0)
        #expect(throws: DecisionError.emptyFeedback) { try d.rejection() }
        d.feedback = " \n\t "
        #expect(throws: DecisionError.emptyFeedback) { try d.rejection() }
        d.feedback = "  split it  \n"
        #expect(try d.rejection() == Rejection(id: 7, shownDigest: Self.digest, feedback: "split it"))
    }

    @Test func notesAndLineCommentsTravelWithTheDecision() throws {
        var d = try draft()
        d.setComment(LineComment(path: "f.txt", line: 9, text: "why y2?"))
        d.setComment(LineComment(path: "f.txt", line: 2, side: .old, text: "keep b"))
        d.setComment(LineComment(path: "f.txt", line: 9, text: "name it y1"))  // replaces
        d.setComment(LineComment(path: "a.txt", line: 1, text: "x"))
        d.setComment(LineComment(path: "a.txt", line: 1, text: "  "))  // removes
        #expect(d.comments.map(\.formatted) == ["f.txt:-2: keep b", "f.txt:9: name it y1"])
        #expect(d.comment(path: "f.txt", line: 2, side: .old)?.text == "keep b")
        d.removeComment(path: "f.txt", line: 2, side: .old)
        #expect(d.comments.map(\.formatted) == ["f.txt:9: name it y1"])
        d.note = "  \n"
        #expect(try d.approval().note == nil)
        d.note = " thanks "
        let approval = try d.approval()
        #expect(approval.note == "thanks")
        #expect(approval.comments == [LineComment(path: "f.txt", line: 9, text: "name it y1")])
        d.feedback = "no"
        #expect(try d.rejection().comments == approval.comments)
    }

    @Test func oldApprovalsAndRejectionsDecode() throws {
        let approval = try JSONDecoder().decode(Approval.self, from: Data(#"{"id":3,"shownDigest":"ab","overrides":[]}"#.utf8))
        #expect(approval == Approval(id: 3, shownDigest: "ab"))
        let rejection = try JSONDecoder().decode(Rejection.self, from: Data(#"{"id":3,"shownDigest":"ab","feedback":"no"}"#.utf8))
        #expect(rejection == Rejection(id: 3, shownDigest: "ab", feedback: "no"))
        let outcome = try JSONDecoder().decode(ProposalOutcome.self, from: Data(#"{"id":3,"state":"applied","timedOut":false}"#.utf8))
        #expect(outcome == ProposalOutcome(id: 3, state: .applied, reason: nil, feedback: nil, timedOut: false))
        let full = Approval(id: 3, shownDigest: "ab", note: "n", comments: [LineComment(path: "p", line: 1, text: "c")])
        #expect(try JSONDecoder().decode(Approval.self, from: try JSONEncoder().encode(full)) == full)
    }
}
