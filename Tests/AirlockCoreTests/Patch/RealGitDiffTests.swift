import Foundation
import Testing
@testable import AirlockCore

/// Patches produced by the real git on the machine: parsing, rendering back and counting
/// must agree with git itself.
@Suite("Patches from real git", .requiresGit)
struct RealGitDiffTests {
    @Test(arguments: 0..<12)
    func roundTripAndNumstatMatchGit(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        let (repo, patchText) = try Self.randomChange(&rng, binary: seed % 3 == 0)
        defer { try? FileManager.default.removeItem(at: repo) }
        var parser = DiffParser(patchText)
        let patch = try parser.parse()
        #expect(!patch.files.isEmpty)

        let rendered = PatchRenderer.render(patch)
        var again = DiffParser(rendered)
        #expect(try again.parse() == patch, "seed \(seed): parse(render(p)) != p")
        #expect(PatchDigest(of: patch) == PatchDigest(of: try DiffParser(rendered).parseCopy()))

        let git = try PatchFixtures.run("git", ["apply", "--numstat", "-"], in: repo, input: patchText)
        #expect(git.status == 0, "\(git.stderr)")
        #expect(PatchStats(patch).numstat == String(decoding: git.stdout, as: UTF8.self), "seed \(seed)")
    }

    /// A repository with a random base commit and random staged changes; returns the
    /// repository and `git diff --cached` of those changes.
    static func randomChange(_ rng: inout SeededGenerator, binary: Bool) throws -> (URL, [UInt8]) {
        let names = ["a.txt", "src/main.c", "docs/read me.md", "caf\u{e9}.txt", "quote\"d.txt", "tab\there.txt", "deep/er/x.sh", "crlf.txt", "empty.txt", "nonl.txt"]
        var files: [String: [UInt8]] = [:]
        for name in names {
            files[name] = randomText(&rng, crlf: name == "crlf.txt", finalNewline: name != "nonl.txt", lines: name == "empty.txt" ? 0 : Int.random(in: 5...60, using: &rng))
        }
        if binary { files["image.bin"] = (0..<300).map { _ in UInt8.random(in: 0...255, using: &rng) } }
        let repo = try PatchFixtures.repository(files)
        for name in names where Bool.random(using: &rng) || name == "crlf.txt" {
            var lines = try String(decoding: Data(contentsOf: repo.appendingPathComponent(name)), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let at = Int.random(in: 0...lines.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: lines.insert("inserted \(rng.next() % 1000)" + (name == "crlf.txt" ? "\r" : ""), at: at)
                case 1: if at < lines.count { lines.remove(at: at) }
                default: if at < lines.count { lines[at] = "changed \(rng.next() % 1000)" }
                }
            }
            try PatchFixtures.write(Array(lines.joined(separator: "\n").utf8), to: name, in: repo)
        }
        if Bool.random(using: &rng) {
            try PatchFixtures.run("git", ["mv", "src/main.c", "src/renamed main.c"], in: repo)
        }
        if Bool.random(using: &rng) {
            try PatchFixtures.run("chmod", ["+x", "a.txt"], in: repo)
        }
        if Bool.random(using: &rng) {
            try PatchFixtures.run("git", ["rm", "-q", "deep/er/x.sh"], in: repo)
        }
        try PatchFixtures.write(randomText(&rng, crlf: false, finalNewline: Bool.random(using: &rng), lines: 7), to: "new dir/new file.txt", in: repo)
        try PatchFixtures.write([], to: "new-empty.txt", in: repo)
        if binary {
            try PatchFixtures.write((0..<200).map { _ in UInt8.random(in: 0...255, using: &rng) }, to: "image.bin", in: repo)
        }
        try PatchFixtures.run("git", ["add", "-A"], in: repo)
        let args = ["-c", "core.quotePath=true", "diff", "--cached", "-M", "-C", "--find-copies-harder"] + (binary && rng.next() % 2 == 0 ? ["--binary"] : [])
        let diff = try PatchFixtures.run("git", args, in: repo)
        try PatchFixtures.run("git", ["reset", "-q", "--hard"], in: repo)
        try PatchFixtures.run("git", ["rm", "-q", "-r", "--cached", "."], in: repo)
        try? FileManager.default.removeItem(at: repo.appendingPathComponent(".git"))
        return (repo, diff.stdout)
    }

    static func randomText(_ rng: inout SeededGenerator, crlf: Bool, finalNewline: Bool, lines: Int) -> [UInt8] {
        let words = ["alpha", "beta", "gamma", "{", "}", "", "return x;", "if (y) {", "    z++;"]
        var text = ""
        for i in 0..<lines {
            text += words[Int(rng.next() % UInt64(words.count))]
            if i < lines - 1 || finalNewline { text += crlf ? "\r\n" : "\n" }
        }
        return Array(text.utf8)
    }
}

extension DiffParser {
    /// Parses a copy, for expressions that cannot hold a mutable parser.
    func parseCopy() throws -> Patch {
        var copy = self
        return try copy.parse()
    }
}
