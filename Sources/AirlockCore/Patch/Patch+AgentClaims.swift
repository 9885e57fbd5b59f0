/// What a git or unified diff says beyond the change itself — the heading after `@@ … @@`,
/// `similarity index`, `dissimilarity index` and the blob ids of an `index` line — is the
/// agent's word. Shown as part of the canonical patch it would read as if Airlock had
/// computed it (a heading naming a function the file does not have, a "100%" similarity
/// for a rename that rewrites every line), so the canonical patch keeps none of it as
/// written.
extension Patch {
    /// The patch with every hunk heading computed from the workspace's old content the way
    /// git computes it (none when the old content is not at hand or the hunk's old lines
    /// are not where it says), without similarity lines or blob ids. An `index` line's
    /// mode, which the applier checks against the file, stays as `old mode`/`new mode`.
    func replacingAgentClaims(workspace: WorkspaceContents?) -> Patch {
        Patch(files: files.map { $0.replacingAgentClaims(workspace: workspace) })
    }
}

extension FilePatch {
    func replacingAgentClaims(workspace: WorkspaceContents?) -> FilePatch {
        var file = self
        file.similarity = nil
        file.dissimilarity = nil
        if let mode = index?.mode, oldMode == nil, newMode == nil, operation != .create, operation != .delete {
            file.oldMode = mode
            file.newMode = mode
        }
        file.index = nil
        guard !hunks.isEmpty else { return file }
        let oldLines = oldContent(workspace).map(TextLines.split) ?? []
        for h in file.hunks.indices { file.hunks[h].section = HunkHeading.compute(for: file.hunks[h], in: oldLines) }
        return file
    }

    /// The file before the change, when the workspace has it and the change has one.
    private func oldContent(_ workspace: WorkspaceContents?) -> [UInt8]? {
        guard let workspace, operation != .create, let oldPath else { return nil }
        return (try? workspace(oldPath)) ?? nil
    }
}

/// The heading git writes after a hunk's `@@ … @@`, computed from the old file.
enum HunkHeading {
    /// git's default rule (`LineDiff.section`) applied above the hunk's first old line,
    /// provided the hunk has old lines and they are exactly there. Otherwise no heading: one
    /// taken from elsewhere would name the wrong place, and one for a bare insertion would
    /// let an agent read, through `show`, a line of any file it names without knowing a
    /// byte of it.
    static func compute(for hunk: Hunk, in oldLines: [Bytes]) -> Bytes {
        let first = hunk.oldStart - 1
        guard hunk.oldCount > 0, first >= 0, first + hunk.oldCount <= oldLines.count else { return [] }
        let expected = hunk.oldLines
        guard expected.count == hunk.oldCount, oldLines[first..<first + hunk.oldCount].elementsEqual(expected) else { return [] }
        return LineDiff.section(above: first, in: oldLines)
    }
}
