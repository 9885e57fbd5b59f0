import AirlockCore
import ArgumentParser
import Foundation

struct PatchStatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stat",
        abstract: "Parse a patch and show what it changes; writes nothing.",
        discussion: "--numstat prints exactly what `git apply --numstat` prints for the same git patch."
    )

    @OptionGroup var input: PatchInputOptions

    @Flag(help: "Print `added<TAB>removed<TAB>path` per file, as git apply --numstat.")
    var numstat = false

    @Flag(help: "Print JSON: files, totals and the patch digest.")
    var json = false

    @Option(help: "Workspace to read current files from, for formats located by content (default: current directory).")
    var workspace: String?

    func run() throws {
        let root = workspace ?? FileManager.default.currentDirectoryPath
        let patch: Patch
        do {
            // Counting needs no headings; only the digest of --json is over the canonical
            // patch, with the headings `propose` computes.
            patch = try input.read(workspace: WorkspaceReader(root: root).closure, computesHeadings: json)
        } catch let refusal as ApplyRefusal {
            throw ApplyOutput.refuse(refusal, closing: nil)
        }
        ProcessLifetime.keepUntilExit(patch)
        let stats = PatchStats(patch)
        if json {
            emit(try JSONOutput.encode(StatOutput(digest: PatchDigest(of: patch).hex, added: stats.added, removed: stats.removed, files: stats.files)))
        } else if numstat {
            // Names are C-quoted as git quotes them, so no raw control byte reaches the terminal.
            emit(stats.numstat)
        } else {
            emit(stats.summary)
        }
    }

    struct StatOutput: Encodable {
        var digest: String
        var added: Int
        var removed: Int
        var files: [PatchStats.File]
    }
}

enum JSONOutput {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
