/// The `FilePatch` entries the resolved formats produce, built from whole contents.
enum FileChange {
    /// The change from `old` (nil: no such file) to `new`; nil when nothing changes.
    static func patch(path: String, old: [UInt8]?, new: [UInt8]) -> FilePatch? {
        guard let old else { return creation(path: path, content: new) }
        guard old != new else { return nil }
        return FilePatch(operation: .modify, oldPath: path, newPath: path, hunks: LineDiff.hunks(from: old, to: new))
    }

    /// A new regular file; an empty one has no hunk, as in git.
    static func creation(path: String, content: [UInt8]) -> FilePatch {
        let lines = TextLines.split(content)
        let hunks = lines.isEmpty ? [] : [Hunk(
            oldStart: 0, oldCount: 0, newStart: 1, newCount: lines.count,
            lines: lines.map { HunkLine(.added, $0) })]
        return FilePatch(operation: .create, oldPath: nil, newPath: path, newMode: .regular, hunks: hunks)
    }

    /// Removal of a file with this content. Its mode is not known here (the workspace
    /// reader gives bytes only), so `oldMode` stays nil for the applier to fill in.
    static func deletion(path: String, content: [UInt8]) -> FilePatch {
        let lines = TextLines.split(content)
        let hunks = lines.isEmpty ? [] : [Hunk(
            oldStart: 1, oldCount: lines.count, newStart: 0, newCount: 0,
            lines: lines.map { HunkLine(.removed, $0) })]
        return FilePatch(operation: .delete, oldPath: path, newPath: nil, hunks: hunks)
    }
}
