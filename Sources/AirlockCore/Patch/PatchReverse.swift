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
    /// The lines keep their text where it is; only their order and kinds change.
    public func reversed() -> Hunk {
        var reversedRecords: [LineRecord] = []
        reversedRecords.reserveCapacity(records.count)
        var removed: [LineRecord] = [], added: [LineRecord] = []
        func flush() {
            reversedRecords += removed
            reversedRecords += added
            removed.removeAll(keepingCapacity: true)
            added.removeAll(keepingCapacity: true)
        }
        for record in records {
            switch record.kind {
            case .context:
                flush()
                reversedRecords.append(record)
            case .removed: added.append(record.with(kind: .added))
            case .added: removed.append(record.with(kind: .removed))
            }
        }
        flush()
        return Hunk(oldStart: newStart, oldCount: newCount, newStart: oldStart, newCount: oldCount, section: section, body: body, records: reversedRecords[...])
    }
}
