import AirlockCore
import Foundation
import Testing

/// Keys typed ahead never decide: what is typed before a proposal (or a hunk) is on the
/// screen is dropped, so `a Enter a Enter` cannot approve proposals not yet shown.
@Suite("Type-ahead never decides")
struct TypeAheadTests {
    @Test func approvalsTypedBeforeTheProposalsAppearAreDropped() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n", "b.txt": "b\n"])
        let first = try fixture.propose(ReviewCommandTests.change)
        let second = try fixture.propose("diff --git a/b.txt b/b.txt\n--- a/b.txt\n+++ b/b.txt\n@@ -1 +1 @@\n-b\n+B\n")
        let terminal = try fixture.review()
        // Typed at once, before the program has drawn anything.
        terminal.send("a")
        terminal.send("a")
        try terminal.expect("Review #1 [a]pprove all")
        // Give a wrongly kept answer the time to be acted on.
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try fixture.proposal(first.id).state == .ready)
        #expect(try fixture.workspace.store.decisions(for: first.id).isEmpty)
        terminal.send("s")
        try terminal.expect("Review #2 [a]pprove all")
        terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
        #expect(try fixture.proposal(second.id).state == .ready)
        #expect(try fixture.workspace.store.decisions(for: second.id).isEmpty)
        #expect(try fixture.read("a.txt") == "one\ntwo\nthree\n")
    }

    @Test func hunksTakenAheadOfTheirDisplayAreDropped() throws {
        let numbered = (1...30).map { "line\($0)\n" }.joined()
        let fixture = try ReviewFixture(files: ["n.txt": numbered])
        let lines = numbered.split(separator: "\n").map(String.init)
        var patch = "diff --git a/n.txt b/n.txt\n--- a/n.txt\n+++ b/n.txt\n@@ -1,4 +1,4 @@\n-\(lines[0])\n+ONE\n \(lines[1])\n \(lines[2])\n \(lines[3])\n"
        patch += "@@ -27,4 +27,4 @@\n \(lines[26])\n \(lines[27])\n \(lines[28])\n-\(lines[29])\n+THIRTY\n"
        let proposal = try fixture.propose(patch)
        let terminal = try fixture.review()
        try terminal.expect("Review #1 [a]pprove all")
        terminal.send("h")
        try terminal.expect("(1/2)")
        // Type the answers for both hunks and then approve, all before the second hunk
        // is shown (in one write, so that both are typed before the first is read): the
        // second hunk's answer is dropped.
        terminal.send("y\ny")
        try terminal.expect("(2/2)")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try fixture.workspace.store.decisions(for: proposal.id).isEmpty)
        terminal.send("q")
        try terminal.expect("Review #1 [a]pprove all")
        terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
        #expect(try fixture.proposal(proposal.id).state == .ready)
    }
}
