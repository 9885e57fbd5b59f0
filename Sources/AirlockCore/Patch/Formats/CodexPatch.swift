/// Codex's `apply_patch` format (`*** Begin Patch` … `*** End Patch`), resolved against
/// the workspace into a canonical `Patch`.
///
/// Each Update File chunk is located by content, in order, after the previous chunk: its
/// `@@ text` lines first move the search past the next line equal to `text`, then its
/// context and removed lines must match exactly (no white-space folding or fuzzy search,
/// unlike Codex's own tool), with `*** End of File` requiring the chunk to end the file.
/// When the lines occur more than once in the searched region, the first occurrence is
/// taken, as Codex does; the reviewer sees the resolved line numbers. A chunk that only
/// adds lines goes right after its last `@@` line, or at the end of the file when it has
/// none (as in Codex).
///
/// Each chunk becomes one hunk with the chunk's own context and git's default section
/// (the nearest line above that starts with a letter, `_` or `$`). If a chunk replaces the last
/// line of a file that has no final newline, the file still has none afterwards.
///
/// Add File creates (it refuses an existing file), Delete File removes the current
/// content, Move to renames. Each file may appear in one operation only.
public enum CodexPatch {
    /// `workspace` is called with the paths as written, which may be absolute or contain
    /// `..`: it must keep reads inside the workspace. The applier refuses unsafe paths.
    /// Located chunks carry only the context the agent wrote; the canonical patch is the
    /// diff of old and new content with git's three lines of context, so the applier's git
    /// rules (a hunk without trailing context must end the file) hold for it.
    public static func resolve(_ text: [UInt8], workspace: WorkspaceContents) throws(PatchFormatError) -> Patch {
        try locate(text, workspace: workspace, canonical: true)
    }

    /// The chunks where they were found, each with the agent's own context.
    static func locate(_ text: [UInt8], workspace: WorkspaceContents, canonical: Bool = false) throws(PatchFormatError) -> Patch {
        var parser = CodexPatchParser(text)
        let script = try parser.parse()
        var claimed: [String: Int] = [:]
        func claim(_ path: String, line: Int) throws(PatchFormatError) {
            if let earlier = claimed[path] {
                throw PatchFormatError(line: line, path: path, "the file is already changed by the operation at line \(earlier) (one operation per file)")
            }
            claimed[path] = line
        }

        var files: [FilePatch] = []
        for operation in script.operations {
            switch operation {
            case .add(let path, let lines, let line):
                try claim(path, line: line)
                if try currentContents(of: path, in: workspace, line: line, verb: "creates") != nil {
                    throw .refused(line: line, path: path, "Add File: the file already exists (use `*** Update File:` to change it)")
                }
                files.append(FileChange.creation(path: path, content: TextLines.joined(lines)))

            case .delete(let path, let line):
                try claim(path, line: line)
                guard let content = try currentContents(of: path, in: workspace, line: line, verb: "deletes") else {
                    throw .refused(line: line, path: path, "Delete File: the file does not exist")
                }
                files.append(FileChange.deletion(path: path, content: content))

            case .update(let update):
                try claim(update.path, line: update.line)
                let verb = update.moveTo == nil ? "changes" : "moves"
                guard let content = try currentContents(of: update.path, in: workspace, line: update.line, verb: verb) else {
                    throw .refused(line: update.line, path: update.path, "Update File: the file does not exist")
                }
                let located = try CodexChunkLocator.hunks(of: update, in: content)
                let hunks = canonical ? LineDiff.hunks(from: content, to: HunkReplay.newContent(of: content, applying: located)) : located
                if let target = update.moveTo, target != update.path {
                    try claim(target, line: update.line + 1)
                    if try currentContents(of: target, in: workspace, line: update.line + 1, verb: "moves") != nil {
                        throw .refused(line: update.line + 1, path: target, "Move to: the file already exists")
                    }
                    files.append(FilePatch(operation: .rename, oldPath: update.path, newPath: target, hunks: hunks))
                } else if !hunks.isEmpty {
                    files.append(FilePatch(operation: .modify, oldPath: update.path, newPath: update.path, hunks: hunks))
                }
            }
        }
        return Patch(files: files)
    }
}
