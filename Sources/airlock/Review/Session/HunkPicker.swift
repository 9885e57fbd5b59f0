import AirlockCore

/// Hunk-by-hunk choice in the spirit of `git add -p`: each hunk with its file header, or
/// a whole file entry when it has no hunks (a pure rename or mode change, a binary file).
struct HunkPicker {
    /// One thing to ask about: a hunk, or a file entry taken whole.
    private struct Part {
        var file: Int
        var hunk: Int?
    }

    let console: ReviewConsole

    /// Asks about every part of the draft's patch and leaves the chosen ones selected in
    /// it; false when the reviewer stopped choosing (nothing is decided).
    func choose(in draft: inout ReviewDraft) throws(ReviewEnded) -> Bool {
        let patch = draft.patch
        let parts = patch.files.indices.flatMap { f in
            patch.files[f].hunks.isEmpty ? [Part(file: f, hunk: nil)] : patch.files[f].hunks.indices.map { Part(file: f, hunk: $0) }
        }
        var chosen: [Bool] = Array(repeating: false, count: parts.count)
        var index = 0
        asking: while index < parts.count {
            let part = parts[index]
            show(part, of: patch)
            console.shown()
            let what = part.hunk == nil ? "change" : "hunk"
            let answer = try console.ask("(\(index + 1)/\(parts.count)) " + ReviewKeymap.hunkPrompt(what))
            switch ReviewKeymap.action(for: answer, in: ReviewKeymap.hunk) {
            case .take?:
                chosen[index] = true
            case .leave?:
                break
            case .takeRest?:
                for rest in index..<parts.count { chosen[rest] = true }
                break asking
            case .leaveRest?:
                break asking
            case .stop?:
                return false
            case .help?, nil:
                for line in ReviewKeymap.help(ReviewKeymap.hunk) { console.line(line, .notice) }
                continue asking
            }
            index += 1
        }
        draft.selectNone()
        for (part, isChosen) in zip(parts, chosen) where isChosen {
            if let hunk = part.hunk {
                if draft.coverage(ofHunk: HunkSelection.HunkRef(file: part.file, hunk: hunk)) != .whole {
                    draft.toggleHunk(HunkSelection.HunkRef(file: part.file, hunk: hunk))
                }
            } else {
                draft.toggleFile(part.file)
            }
        }
        return true
    }

    private func show(_ part: Part, of patch: Patch) {
        var file = patch.files[part.file]
        if let hunk = part.hunk { file.hunks = [file.hunks[hunk]] }
        console.blank()
        DiffLines.show(file, on: console)
    }
}
