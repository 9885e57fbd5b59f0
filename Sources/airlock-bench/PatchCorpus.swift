import AirlockCore
import Foundation

/// A deterministic tree and a git patch over it: every file gets a change every ten lines,
/// a few files are deleted and a few created in new directories.
struct PatchCorpus {
    var fileCount: Int
    var linesPerFile: Int
    var deleted = 40
    var created = 40

    /// Writes the tree under `tree` and the patch to `patch`; returns the patch text.
    func write(tree: URL, patch patchURL: URL) throws -> [UInt8] {
        var files: [FilePatch] = []
        var rng: UInt64 = 0x2545_F491_4F6C_DD1D
        func word() -> String {
            rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
            return ["alpha", "beta", "gamma", "delta", "return", "let", "value", "index", "count"][Int(rng % 9)]
        }
        for i in 0..<fileCount {
            let path = "src/module\(i / 100)/file\(i).swift"
            let lines = (0..<linesPerFile).map { j in
                Bytes("    let v\(j) = \(word())(\(i), \(j)) + \(word()).\(word()) // line \(j)\n".utf8)
            }
            let url = tree.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(lines.joined()).write(to: url)

            if i < deleted {
                let hunk = Hunk(oldStart: 1, oldCount: lines.count, newStart: 0, newCount: 0, lines: lines.map { HunkLine(.removed, $0) })
                files.append(FilePatch(operation: .delete, oldPath: path, newPath: nil, oldMode: .regular, hunks: [hunk]))
                continue
            }
            var hunks: [Hunk] = []
            var changed = 5
            while changed + 3 < lines.count {
                var body: [HunkLine] = []
                for c in (changed - 3)..<changed { body.append(HunkLine(.context, lines[c])) }
                body.append(HunkLine(.removed, lines[changed]))
                body.append(HunkLine(.added, Bytes("    let v\(changed) = changed(\(i)) // edited by the agent\n".utf8)))
                for c in (changed + 1)...(changed + 3) { body.append(HunkLine(.context, lines[c])) }
                hunks.append(Hunk(oldStart: changed - 2, oldCount: 7, newStart: changed - 2, newCount: 7, lines: body))
                changed += 10
            }
            files.append(FilePatch(operation: .modify, oldPath: path, newPath: path, hunks: hunks))
        }
        for i in 0..<created {
            let lines = (0..<linesPerFile).map { HunkLine(.added, "new file \(i) line \($0)\n") }
            let hunk = Hunk(oldStart: 0, oldCount: 0, newStart: 1, newCount: lines.count, lines: lines)
            files.append(FilePatch(operation: .create, oldPath: nil, newPath: "generated/new\(i)/made\(i).swift", newMode: .regular, hunks: [hunk]))
        }
        let text = PatchRenderer.render(Patch(files: files))
        try Data(text).write(to: patchURL)
        return text
    }
}
