import Foundation
import Testing
@testable import AirlockCore

/// The real `git apply`, run on a scratch directory.
private enum GitApply {
    /// The file after `git apply`, or nil when git refuses the patch.
    static func apply(_ patch: String, to content: [UInt8]) throws -> [UInt8]? {
        let sandbox = try Sandbox()
        sandbox.write("f.txt", bytes: content)
        let patchFile = sandbox.base + "/change.diff"
        try patch.write(toFile: patchFile, atomically: false, encoding: .utf8)
        let outcome = try RealGit.run(
            ["apply", patchFile], in: sandbox.workspace,
            environment: ["PATH": "/usr/bin:/bin", "HOME": sandbox.base, "GIT_CEILING_DIRECTORIES": sandbox.base])
        return outcome.succeeded ? sandbox.bytes("f.txt") : nil
    }
}

@Suite("Parity with git apply", .requiresGit)
struct GitApplyParityTests {
    /// A random file of few distinct lines (so context repeats and the search order
    /// matters), a patch of one to three hunks written against it with headers that are
    /// off by a little, and the file changed a little before the patch is applied.
    private func randomCase(_ random: inout SeededGenerator) -> (content: [UInt8], patch: String) {
        let alphabet = ["a", "b", "c", "d", "e"]
        func line() -> String { alphabet.randomElement(using: &random) ?? "a" }
        var original = (0..<Int.random(in: 6...24, using: &random)).map { _ in line() }

        var body = "--- a/f.txt\n+++ b/f.txt\n"
        var cursor = 0, delta = 0
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let start = cursor + Int.random(in: 0...4, using: &random)
            let leading = Int.random(in: 0...3, using: &random), removed = Int.random(in: 0...2, using: &random)
            let trailing = Int.random(in: 0...3, using: &random)
            let added = Int.random(in: removed == 0 ? 1...2 : 0...2, using: &random)
            guard start + leading + removed + trailing <= original.count else { break }
            let old = Array(original[start..<start + leading + removed + trailing])
            var lines = old[..<leading].map { " \($0)" }
            lines += old[leading..<leading + removed].map { "-\($0)" }
            lines += (0..<added).map { _ in "+\(line())\(line())" }
            lines += old[(leading + removed)...].map { " \($0)" }
            let oldCount = old.count, newCount = old.count - removed + added
            let jitter = Int.random(in: -2...2, using: &random)
            let oldStart = oldCount == 0 ? start : max(start + 1 + jitter, 1)
            let newStart = newCount == 0 ? start + delta : max(start + 1 + delta + jitter, 1)
            body += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n" + lines.map { $0 + "\n" }.joined()
            delta += added - removed
            cursor = start + oldCount
        }
        // Drift: lines inserted or removed somewhere, as if the file changed since.
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            let at = Int.random(in: 0...original.count, using: &random)
            if Bool.random(using: &random) || original.isEmpty {
                original.insert(line(), at: at)
            } else {
                original.remove(at: min(at, original.count - 1))
            }
        }
        return (Array(original.map { $0 + "\n" }.joined().utf8), body)
    }

    @Test("hunks land where git apply puts them and fail where it fails")
    func randomHunks() throws {
        var random = SeededGenerator(state: 0xA1A1_0C0C)
        var applied = 0, refused = 0
        for number in 0..<300 {
            let (content, text) = randomCase(&random)
            guard text.contains("@@") else { continue }
            let patch = try parsePatch(text)
            let file = try #require(patch.files.first)
            let ours = (try? HunkApplication.apply(file.hunks, to: content, path: "f.txt")).map { String(decoding: $0.bytes, as: UTF8.self) }
            let theirs = try GitApply.apply(text, to: content).map { String(decoding: $0, as: UTF8.self) }
            #expect(ours == theirs, "case \(number):\n\(String(decoding: content, as: UTF8.self))---\n\(text)")
            if theirs == nil { refused += 1 } else { applied += 1 }
        }
        // The cases exercise both outcomes.
        #expect(applied > 80 && refused > 40, "applied \(applied), refused \(refused)")
    }
}
