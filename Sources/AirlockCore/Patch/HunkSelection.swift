/// Which parts of a patch a reviewer chose: whole file entries, single hunks, or single
/// changed lines of a hunk.
public struct HunkSelection: Hashable, Sendable, Codable {
    /// A hunk of a file entry, both counted from 0 in the patch's order.
    public struct HunkRef: Hashable, Sendable, Codable, Comparable {
        public var file: Int
        public var hunk: Int
        public init(file: Int, hunk: Int) {
            self.file = file
            self.hunk = hunk
        }
        public static func < (a: HunkRef, b: HunkRef) -> Bool { (a.file, a.hunk) < (b.file, b.hunk) }
    }

    public var hunks: Set<HunkRef>
    /// File entries taken whole, including those without hunks (renames, mode changes).
    public var files: Set<Int>
    /// Hunks taken in part: the indices (into the hunk's `lines`) of the changed lines
    /// chosen. An added line left out is dropped; a removed line left out stays as context.
    /// A hunk named here must not also be in `hunks`, nor its file in `files`.
    public var lines: [HunkRef: Set<Int>]

    public init(hunks: Set<HunkRef> = [], files: Set<Int> = [], lines: [HunkRef: Set<Int>] = [:]) {
        self.hunks = hunks
        self.files = files
        self.lines = lines
    }

    private enum CodingKeys: String, CodingKey { case hunks, files, lines }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hunks = try container.decode(Set<HunkRef>.self, forKey: .hunks)
        files = try container.decode(Set<Int>.self, forKey: .files)
        // Selections recorded before line selection existed have no `lines`.
        lines = try container.decodeIfPresent([HunkRef: Set<Int>].self, forKey: .lines) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hunks, forKey: .hunks)
        try container.encode(files, forKey: .files)
        if !lines.isEmpty { try container.encode(lines, forKey: .lines) }
    }
}

/// Why a selection cannot become a patch of its own.
public struct HunkSelectionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension Patch {
    /// The patch made of just the selected parts, with the counts of every partly chosen
    /// hunk and the new-side line numbers of every kept hunk recomputed, so the result is
    /// itself a valid patch with its own digest.
    public func selecting(_ selection: HunkSelection) throws(HunkSelectionError) -> Patch {
        try validate(selection)
        var kept: [FilePatch] = []
        for (f, file) in files.enumerated() {
            if selection.files.contains(f) {
                kept.append(file)
                continue
            }
            var chosen: [Hunk] = []
            var whole = true
            for (h, hunk) in file.hunks.enumerated() {
                let ref = HunkRef(file: f, hunk: h)
                if selection.hunks.contains(ref) {
                    chosen.append(hunk)
                } else if let lines = selection.lines[ref] {
                    if lines == hunk.changedLineIndices {
                        chosen.append(hunk)
                    } else {
                        whole = false
                        if let part = hunk.keeping(changedLines: lines) { chosen.append(part) }
                    }
                } else {
                    whole = false
                }
            }
            if chosen.isEmpty { continue }
            guard file.operation == .modify, file.binary == nil else {
                if whole {
                    kept.append(file)
                    continue
                }
                throw HunkSelectionError(message: "`\(VisibleText.escape(file.path))` is \(file.operation == .create ? "created" : file.operation == .delete ? "deleted" : file.binary != nil ? "binary" : "renamed or copied") by this patch: select all of its changes or none")
            }
            var partial = file
            partial.hunks = Self.renumbered(chosen)
            partial.index = nil  // the blob ids describe the whole change, not this part
            if let last = partial.hunks.last, last.misplacedMissingNewline(isLastHunk: true) != nil {
                throw HunkSelectionError(message: "`\(VisibleText.escape(file.path))`: the chosen lines would add after a last line that has no newline (\\ No newline at end of file): choose the change to that last line too")
            }
            kept.append(partial)
        }
        return Patch(files: kept)
    }

    private typealias HunkRef = HunkSelection.HunkRef

    /// Refuses references to hunks, files or lines that are not there, lines that are
    /// not changed lines, and a hunk chosen both whole and in part.
    private func validate(_ selection: HunkSelection) throws(HunkSelectionError) {
        for ref in selection.hunks where !files.indices.contains(ref.file) || !files[ref.file].hunks.indices.contains(ref.hunk) {
            throw HunkSelectionError(message: "no hunk \(ref.hunk + 1) in file entry \(ref.file + 1)")
        }
        for index in selection.files where !files.indices.contains(index) {
            throw HunkSelectionError(message: "no file entry \(index + 1)")
        }
        for (ref, lines) in selection.lines.sorted(by: { $0.key < $1.key }) {
            guard files.indices.contains(ref.file), files[ref.file].hunks.indices.contains(ref.hunk) else {
                throw HunkSelectionError(message: "no hunk \(ref.hunk + 1) in file entry \(ref.file + 1)")
            }
            guard !selection.hunks.contains(ref), !selection.files.contains(ref.file) else {
                throw HunkSelectionError(message: "hunk \(ref.hunk + 1) of file entry \(ref.file + 1) is chosen both whole and line by line")
            }
            let hunk = files[ref.file].hunks[ref.hunk]
            let changed = hunk.changedLineIndices
            if let bad = lines.sorted().first(where: { !changed.contains($0) }) {
                let what = hunk.lines.indices.contains(bad) ? "is a context line, not a change" : "is not in it (it has \(hunk.lineCount) lines)"
                throw HunkSelectionError(message: "line \(bad + 1) of hunk \(ref.hunk + 1) of file entry \(ref.file + 1) \(what)")
            }
        }
    }

    /// New-side starts as they are once only these hunks apply.
    static func renumbered(_ hunks: [Hunk]) -> [Hunk] {
        var delta = 0
        return hunks.map { hunk in
            var h = hunk
            let firstOld = hunk.oldCount == 0 ? hunk.oldStart + 1 : hunk.oldStart
            let firstNew = firstOld + delta
            h.newStart = hunk.newCount == 0 ? firstNew - 1 : firstNew
            delta += hunk.newCount - hunk.oldCount
            return h
        }
    }
}

extension Hunk {
    /// The indices into `lines` of the added and removed lines.
    public var changedLineIndices: Set<Int> {
        withUnsafeLines { lines in Set(lines.indices.filter { lines.kind($0) != .context }) }
    }

    /// The hunk with only the changed lines at `chosen` (indices into `lines`): an added
    /// line left out is dropped, a removed line left out becomes context, as `git add -p`
    /// edits a hunk. Nil when no change is left. The new-side start is left as it was;
    /// `Patch.renumbered` sets it.
    func keeping(changedLines chosen: Set<Int>) -> Hunk? {
        var kept: [LineRecord] = []
        kept.reserveCapacity(records.count)
        var changes = 0
        for (i, record) in records.enumerated() {
            switch record.kind {
            case .context: kept.append(record)
            case .added:
                if chosen.contains(i) {
                    kept.append(record)
                    changes += 1
                }
            case .removed:
                if chosen.contains(i) {
                    changes += 1
                    kept.append(record)
                } else {
                    kept.append(record.with(kind: .context))
                }
            }
        }
        guard changes > 0 else { return nil }
        let oldCount = kept.count { $0.kind != .added }
        let newCount = kept.count { $0.kind != .removed }
        return Hunk(oldStart: oldStart, oldCount: oldCount, newStart: newStart, newCount: newCount, section: section, body: body, records: kept[...])
    }
}
