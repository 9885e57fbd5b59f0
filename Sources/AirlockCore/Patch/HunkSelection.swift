/// Which parts of a patch a reviewer chose: whole file entries or single hunks.
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
    /// The patch made of just the selected parts, with the new-side line numbers of every
    /// kept hunk recomputed so the result is itself a valid patch with its own digest.
    public func selecting(_ selection: HunkSelection) throws(HunkSelectionError) -> Patch {
        for ref in selection.hunks where !files.indices.contains(ref.file) || !files[ref.file].hunks.indices.contains(ref.hunk) {
            throw HunkSelectionError(message: "no hunk \(ref.hunk + 1) in file entry \(ref.file + 1)")
        }
        for index in selection.files where !files.indices.contains(index) {
            throw HunkSelectionError(message: "no file entry \(index + 1)")
        }
        var kept: [FilePatch] = []
        for (f, file) in files.enumerated() {
            if selection.files.contains(f) {
                kept.append(file)
                continue
            }
            let chosen = file.hunks.indices.filter { selection.hunks.contains(HunkRef(file: f, hunk: $0)) }
            if chosen.isEmpty { continue }
            guard file.operation == .modify, file.binary == nil else {
                if chosen.count == file.hunks.count {
                    kept.append(file)
                    continue
                }
                throw HunkSelectionError(message: "`\(file.path)` is \(file.operation == .create ? "created" : file.operation == .delete ? "deleted" : "renamed or copied") by this patch: select all of its hunks or none")
            }
            var partial = file
            partial.hunks = Self.renumbered(chosen.map { file.hunks[$0] })
            partial.index = nil  // the blob ids describe the whole change, not this part
            kept.append(partial)
        }
        return Patch(files: kept)
    }

    private typealias HunkRef = HunkSelection.HunkRef

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
