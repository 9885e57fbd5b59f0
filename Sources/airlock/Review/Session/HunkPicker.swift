import AirlockCore

/// Hunk-by-hunk choice in the spirit of `git add -p`: each hunk with its file header, or
/// a whole file entry when it has no hunks (a pure rename or mode change, a binary file).
struct HunkPicker {
    enum Choice: Equatable {
        /// Every part was chosen: approve the whole patch.
        case everything
        case some(HunkSelection)
        case nothing
        /// The reviewer stopped choosing; nothing is decided.
        case stopped
    }

    /// One thing to ask about: a hunk, or a file entry taken whole.
    private struct Part {
        var file: Int
        var hunk: Int?
    }

    let patch: Patch
    let console: ReviewConsole

    func choose() throws(ReviewEnded) -> Choice {
        let parts = patch.files.indices.flatMap { f in
            patch.files[f].hunks.isEmpty ? [Part(file: f, hunk: nil)] : patch.files[f].hunks.indices.map { Part(file: f, hunk: $0) }
        }
        var chosen: [Bool] = Array(repeating: false, count: parts.count)
        var index = 0
        asking: while index < parts.count {
            let part = parts[index]
            show(part)
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
                return .stopped
            case .help?, nil:
                for line in ReviewKeymap.help(ReviewKeymap.hunk) { console.line(line, .notice) }
                continue asking
            }
            index += 1
        }
        if !chosen.contains(true) { return .nothing }
        if !chosen.contains(false) { return .everything }
        var selection = HunkSelection()
        for (part, isChosen) in zip(parts, chosen) where isChosen {
            if let hunk = part.hunk {
                selection.hunks.insert(HunkSelection.HunkRef(file: part.file, hunk: hunk))
            } else {
                selection.files.insert(part.file)
            }
        }
        return .some(selection)
    }

    private func show(_ part: Part) {
        var file = patch.files[part.file]
        if let hunk = part.hunk { file.hunks = [file.hunks[hunk]] }
        console.blank()
        DiffLines.show(file, on: console)
    }
}
