import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import AirlockCore

/// A patch an agent might send to escape the airlock, and a fragment of the message that
/// must refuse it. `@OUTSIDE@` in the text stands for the absolute path of the sandbox's
/// `outside/` directory.
struct HostilePatch: Sendable, CustomTestStringConvertible {
    enum Input: Sendable {
        case text(String)
        /// Built in code: shapes the git parser refuses can still reach the applier from
        /// other parsers.
        case built(Patch)
    }

    var name: String
    var input: Input
    var fragment: String
    var options = ApplyOptions()

    var testDescription: String { name }

    init(_ name: String, _ text: String, _ fragment: String, options: ApplyOptions = ApplyOptions()) {
        self.name = name
        input = .text(text)
        self.fragment = fragment
        self.options = options
    }

    init(_ name: String, built patch: Patch, _ fragment: String) {
        self.name = name
        input = .built(patch)
        self.fragment = fragment
    }
}

@Suite("Hostile patches")
struct HostilePatchTests {
    /// The workspace every hostile patch is tried on: ordinary files, a fake `.git`, a
    /// directory symlink and a file symlink pointing outside, and a fifo; next to it,
    /// `outside/secret.txt`.
    private func makeSandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.write("README.md", "readme\n")
        sandbox.write("src/a.c", "int a;\nint b;\nint c;\n")
        sandbox.write("script.sh", "echo hi\n", permissions: 0o755)
        sandbox.write("sub/dir/file.txt", "file\n")
        sandbox.write(".git/config", "[core]\n")
        sandbox.write(sandbox.outside + "/secret.txt", "secret\n")
        sandbox.symlink("escape", to: sandbox.outside)
        sandbox.symlink("linked-file", to: "../outside/secret.txt")
        mkfifo(sandbox.absolute("pipe"), 0o644)
        return sandbox
    }

    @Test("is refused with a clear message and changes no byte inside or outside the workspace", arguments: HostilePatchTests.corpus)
    func refused(_ hostile: HostilePatch) throws {
        let sandbox = try makeSandbox()
        let patch: Patch
        switch hostile.input {
        case .text(let text):
            do {
                patch = try parsePatch(text.replacingOccurrences(of: "@OUTSIDE@", with: sandbox.outside))
            } catch let error as PatchParseError {
                // Refused before it reaches the applier (absolute names are a parse error).
                #expect(error.description.contains(hostile.fragment), "parse: \(error)")
                return
            }
        case .built(let built):
            patch = built
        }
        let applier = sandbox.applier(hostile.options)
        let before = sandbox.snapshot()
        for (label, run) in [("check", { try applier.check(patch) }), ("apply", { try applier.apply(patch) })] as [(String, () throws -> ApplyReport)] {
            do {
                _ = try run()
                Issue.record("\(label) accepted the patch")
            } catch let refusal as ApplyRefusal {
                let messages = refusal.problems.map(\.message)
                #expect(messages.contains { $0.contains(hostile.fragment) }, "\(label): \(messages)")
                for message in messages {
                    #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "raw control character in \(message.debugDescription)")
                }
            } catch {
                Issue.record("\(label) failed instead of refusing: \(error)")
            }
            let difference = Sandbox.difference(before, sandbox.snapshot())
            #expect(difference.isEmpty, "\(label) changed:\n\(difference)")
        }
    }

    @Test("the corpus is large enough and every name is unique")
    func corpusSize() {
        #expect(Self.corpus.count >= 40)
        #expect(Set(Self.corpus.map(\.name)).count == Self.corpus.count)
    }
}
