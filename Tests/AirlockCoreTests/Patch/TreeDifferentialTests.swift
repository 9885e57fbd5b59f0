import Foundation
import Testing
@testable import AirlockCore

/// The real `git apply` on the machine is the oracle: on a few hundred generated cases
/// Airlock must make the same accept/refuse decision and leave the same bytes. Cases are
/// only ones where git is safe (no paths outside the tree, ordinary modes).
@Suite("Differential against git apply", .requiresGit)
struct GitDifferentialTests {
    @Test(arguments: 0..<8)
    func sameDecisionAndBytesAsGit(batch: Int) throws {
        var agreed = 0, applied = 0
        for n in 0..<40 {
            let seed = UInt64(batch * 1000 + n)
            var rng = SeededGenerator(seed: seed)
            let outcome = try DifferentialCase.run(&rng)
            #expect(outcome.gitAccepted == outcome.airlockAccepted, "seed \(seed): git \(outcome.gitAccepted ? "applied" : "refused: " + outcome.gitMessage), Airlock \(outcome.airlockAccepted ? "applied" : "refused: " + outcome.airlockMessage) [\(outcome.perturbation)]")
            if outcome.gitAccepted && outcome.airlockAccepted {
                #expect(outcome.gitTree == outcome.airlockTree, "seed \(seed): trees differ after apply [\(outcome.perturbation)]")
                applied += 1
            }
            if outcome.gitAccepted == outcome.airlockAccepted { agreed += 1 }
        }
        // Both outcomes must be exercised, or the comparison proves little.
        #expect(applied >= 15, "only \(applied) of 40 cases applied")
        #expect(applied <= 38, "only \(40 - applied) of 40 cases were refused")
    }
}

/// One generated case: a base tree, a git patch to a random target, a perturbation of the
/// base applied to both copies, and what each tool then did.
enum DifferentialCase {
    struct Outcome {
        var perturbation: String
        var gitAccepted: Bool
        var gitMessage: String
        var airlockAccepted: Bool
        var airlockMessage: String
        var gitTree: [String: TreeEntry]
        var airlockTree: [String: TreeEntry]
    }

    struct TreeEntry: Equatable {
        var bytes: [UInt8]
        var executable: Bool
    }

    static func run(_ rng: inout SeededGenerator) throws -> Outcome {
        var base: [String: [UInt8]] = [:]
        let names = ["a.txt", "b.txt", "src/c.txt", "src/d.txt", "e.txt"]
        for name in names.prefix(Int.random(in: 2...5, using: &rng)) {
            base[name] = RealGitDiffTests.randomText(&rng, crlf: Int.random(in: 0..<6, using: &rng) == 0, finalNewline: Int.random(in: 0..<5, using: &rng) != 0, lines: Int.random(in: 0...40, using: &rng))
        }
        let repo = try PatchFixtures.repository(base)
        defer { try? FileManager.default.removeItem(at: repo) }

        // The target: edits, a created file, maybe a deletion, a rename, a mode change.
        var target = base
        for name in base.keys.sorted() where Bool.random(using: &rng) {
            target[name] = mutate(base[name]!, &rng)
        }
        if Bool.random(using: &rng) { target["new/file.txt"] = RealGitDiffTests.randomText(&rng, crlf: false, finalNewline: true, lines: Int.random(in: 1...10, using: &rng)) }
        if Int.random(in: 0..<4, using: &rng) == 0, let victim = base.keys.sorted().last { target[victim] = nil }
        for (path, content) in target { try PatchFixtures.write(content, to: path, in: repo) }
        for path in base.keys where target[path] == nil { try FileManager.default.removeItem(at: repo.appendingPathComponent(path)) }
        if Int.random(in: 0..<4, using: &rng) == 0, target["a.txt"] != nil {
            try PatchFixtures.run("chmod", ["+x", "a.txt"], in: repo)
        }
        if Int.random(in: 0..<4, using: &rng) == 0, target["b.txt"] != nil {
            try FileManager.default.moveItem(at: repo.appendingPathComponent("b.txt"), to: repo.appendingPathComponent("moved-b.txt"))
        }
        try PatchFixtures.run("git", ["add", "-A"], in: repo)
        let patchText = try PatchFixtures.run("git", ["diff", "--cached", "-M"], in: repo).stdout

        // Two copies of the base, perturbed alike.
        let parent = try PatchFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let gitCopy = parent.appendingPathComponent("git"), ourCopy = parent.appendingPathComponent("airlock")
        let journal = parent.appendingPathComponent("journal")
        for copy in [gitCopy, ourCopy] {
            for (path, content) in base { try PatchFixtures.write(content, to: path, in: copy) }
        }
        let perturbation = try perturb([gitCopy, ourCopy], base: base, &rng)

        let git = try PatchFixtures.run("git", ["apply", "-"], in: gitCopy, input: patchText, ceiling: parent)
        var airlockAccepted = true, airlockMessage = ""
        do {
            let patch = try PatchReader().read(patchText)
            _ = try Applier(workspace: ourCopy.path, journalDirectory: journal.path).apply(patch)
        } catch {
            airlockAccepted = false
            airlockMessage = "\(error)"
        }
        return Outcome(
            perturbation: perturbation,
            gitAccepted: git.status == 0, gitMessage: git.stderr,
            airlockAccepted: airlockAccepted, airlockMessage: airlockMessage,
            gitTree: try snapshot(gitCopy), airlockTree: try snapshot(ourCopy)
        )
    }

    static func mutate(_ content: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var lines = String(decoding: content, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let at = Int.random(in: 0...lines.count, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: lines.insert("added \(rng.next() % 100)", at: at)
            case 1: if at < lines.count, lines.count > 1 { lines.remove(at: at) }
            default: if at < lines.count { lines[at] = "edited \(rng.next() % 100)" }
            }
        }
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// Changes both copies the same way so that the patch applies at an offset, fails to
    /// match, or meets a missing or existing file.
    static func perturb(_ copies: [URL], base: [String: [UInt8]], _ rng: inout SeededGenerator) throws -> String {
        let victim = base.keys.sorted()[Int.random(in: 0..<base.count, using: &rng)]
        let content = base[victim]!
        let changed: [UInt8]?
        let what: String
        switch Int.random(in: 0..<7, using: &rng) {
        case 0, 1:
            return "none"
        case 2:
            changed = Array("prepended one\nprepended two\nprepended three\n".utf8) + content
            what = "prepend 3 lines to \(victim)"
        case 3 where content.last == UInt8(ascii: "\n") || content.isEmpty:
            // Not after a last line without newline: git then lets a hunk's
            // "\ No newline at end of file" line match a line that has one (its memcmp of
            // the whole preimage), where Airlock matches lines exactly; see
            // NoNewlineStrictnessTests.
            changed = content + Array("appended\n".utf8)
            what = "append to \(victim)"
        case 3:
            return "none"
        case 4:
            changed = mutate(content, &rng)
            what = "edit \(victim)"
        case 5:
            changed = nil
            what = "delete \(victim)"
        default:
            for copy in copies { try PatchFixtures.write(Array("in the way\n".utf8), to: "new/file.txt", in: copy) }
            return "create new/file.txt"
        }
        for copy in copies {
            if let changed {
                try PatchFixtures.write(changed, to: victim, in: copy)
            } else {
                try FileManager.default.removeItem(at: copy.appendingPathComponent(victim))
            }
        }
        return what
    }

    static func snapshot(_ root: URL) throws -> [String: TreeEntry] {
        var tree: [String: TreeEntry] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let relative = String(url.path.dropFirst(root.path.count + 1))
            let executable = FileManager.default.isExecutableFile(atPath: url.path)
            tree[relative] = TreeEntry(bytes: [UInt8](try Data(contentsOf: url)), executable: executable)
        }
        return tree
    }
}

@Suite("Where Airlock is stricter than git apply")
struct NoNewlineStrictnessTests {
    /// The patch says `b` is the file's last line and has no newline; the file has more
    /// after it. git apply matches anyway (it compares the hunk's bytes as one block);
    /// Airlock refuses, because the context does not match exactly.
    @Test func noNewlineContextDoesNotMatchALineThatContinues() throws {
        let dir = try PatchFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try PatchFixtures.write(Array("a\nb\nmore\n".utf8), to: "ws/f", in: dir)
        let patch = try PatchFixtures.parse("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n+A\n b\n\\ No newline at end of file\n")
        let applier = Applier(workspace: dir.appendingPathComponent("ws").path, journalDirectory: dir.appendingPathComponent("j").path)
        #expect(throws: ApplyRefusal.self) { try applier.check(patch) }
    }
}
