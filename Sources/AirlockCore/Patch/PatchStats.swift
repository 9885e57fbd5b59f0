import Foundation

/// Lines added and removed per file, as `git apply --numstat` and `--stat` count them.
public struct PatchStats: Equatable, Sendable, Codable {
    public struct File: Equatable, Sendable, Codable {
        public var path: String
        public var oldPath: String?
        public var operation: FilePatch.Operation
        public var added: Int
        public var removed: Int
        public var binary: Bool
    }

    public var files: [File]
    public var added: Int { files.reduce(0) { $0 + $1.added } }
    public var removed: Int { files.reduce(0) { $0 + $1.removed } }

    public init(_ patch: Patch) {
        // Through the buffer: no file entry is copied (and retained) to be counted.
        files = patch.files.withUnsafeBufferPointer { $0.map { file in
            File(
                path: file.path,
                oldPath: file.operation == .rename || file.operation == .copy ? file.oldPath : nil,
                operation: file.operation,
                added: file.addedLineCount,
                removed: file.removedLineCount,
                binary: file.binary != nil
            )
        } }
    }

    /// Byte-for-byte what `git apply --numstat` prints: `added<TAB>removed<TAB>path`,
    /// `-<TAB>-` for binary entries, and the path C-quoted when git would quote it.
    public var numstat: String {
        var out = ""
        for file in files {
            out += file.binary ? "-\t-\t" : "\(file.added)\t\(file.removed)\t"
            out += GitPathQuoting.quote(file.path)
            out += "\n"
        }
        return out
    }

    /// A short human summary: one line per file and a total, like `git apply --stat`, with
    /// names made safe for a terminal and marked when they are not ASCII (`PathMark`).
    public var summary: String {
        var out = ""
        let names = files.map { file in
            let path = VisibleText.escape(file.path) + PathMark.suffix(for: file.path)
            return file.oldPath.map { "\(VisibleText.escape($0))\(PathMark.suffix(for: $0)) => \(path)" } ?? path
        }
        let width = names.map(\.count).max() ?? 0
        for (file, name) in zip(files, names) {
            let change = file.binary ? "Bin" : "+\(file.added) -\(file.removed)"
            out += " \(name.padding(toLength: max(width, name.count), withPad: " ", startingAt: 0)) | \(change)\n"
        }
        out += " \(files.count) file\(files.count == 1 ? "" : "s") changed, \(added) insertion\(added == 1 ? "" : "s")(+), \(removed) deletion\(removed == 1 ? "" : "s")(-)\n"
        return out
    }
}
