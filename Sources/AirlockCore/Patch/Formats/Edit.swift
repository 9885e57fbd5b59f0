/// A search/replace edit, as agents' edit tools express changes: replace the exact text
/// `old` in the file at `path` with `new`. An empty `old` creates a missing (or fills an
/// empty) file.
public struct Edit: Codable, Sendable, Equatable {
    public var path: String
    public var old: String
    public var new: String
    /// Replace every occurrence; otherwise `old` must occur exactly once.
    public var replaceAll: Bool?

    public init(path: String, old: String, new: String, replaceAll: Bool? = nil) {
        self.path = path
        self.old = old
        self.new = new
        self.replaceAll = replaceAll
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case path, old, new, replaceAll
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try StrictKeys.check(decoder, allowed: CodingKeys.allCases)
        path = try container.decode(String.self, forKey: .path)
        old = try container.decode(String.self, forKey: .old)
        new = try container.decode(String.self, forKey: .new)
        replaceAll = try container.decodeIfPresent(Bool.self, forKey: .replaceAll)
    }
}

/// Resolves search/replace edits against the workspace.
public enum SearchReplace {
    /// One entry per file (in order of first mention) whose hunks are the line diff from
    /// the current content to the content after all of its edits, applied in order.
    /// Matching is exact, bytes for bytes; errors name the edit as `edits[i]`.
    ///
    /// `workspace` is called with paths as written, absolute or not: it must keep reads
    /// inside the workspace. The applier refuses unsafe paths.
    public static func resolve(_ edits: [Edit], workspace: WorkspaceContents) throws(PatchFormatError) -> Patch {
        try TextReplacement.resolve(edits.enumerated().map { i, edit in
            TextReplacement(
                path: edit.path, old: Array(edit.old.utf8), new: Array(edit.new.utf8),
                replaceAll: edit.replaceAll ?? false, matching: .anywhere,
                name: "edits[\(i)]", oldName: "`old`", line: nil)
        }, workspace: workspace)
    }
}
