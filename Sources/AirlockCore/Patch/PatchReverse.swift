extension Patch {
    /// The patch that undoes this one (`git apply -R`): sides, paths, modes and line
    /// kinds swapped. Binary entries stay binary and cannot be applied either way.
    public func reversed() -> Patch {
        Patch(files: files.map { $0.reversed() })
    }
}

extension FilePatch {
    public func reversed() -> FilePatch {
        var reverse = self
        reverse.oldPath = newPath
        reverse.newPath = oldPath
        reverse.oldMode = newMode
        reverse.newMode = oldMode
        switch operation {
        case .create: reverse.operation = .delete
        case .delete: reverse.operation = .create
        case .modify, .rename, .copy: break  // as git apply -R, a copy stays a copy
        }
        if let index {
            reverse.index = Index(oldID: index.newID, newID: index.oldID, mode: index.mode)
        }
        reverse.hunks = hunks.map { $0.reversed() }
        return reverse
    }
}

extension Hunk {
    /// Within each run of changed lines the removed ones come first, as diff writes them.
    public func reversed() -> Hunk {
        var reversedLines: [HunkLine] = []
        reversedLines.reserveCapacity(lines.count)
        var removed: [HunkLine] = [], added: [HunkLine] = []
        func flush() {
            reversedLines += removed
            reversedLines += added
            removed.removeAll()
            added.removeAll()
        }
        for line in lines {
            switch line.kind {
            case .context:
                flush()
                reversedLines.append(line)
            case .removed: added.append(HunkLine(.added, line.text))
            case .added: removed.append(HunkLine(.removed, line.text))
            }
        }
        flush()
        return Hunk(oldStart: newStart, oldCount: newCount, newStart: oldStart, newCount: oldCount, section: section, lines: reversedLines)
    }
}
