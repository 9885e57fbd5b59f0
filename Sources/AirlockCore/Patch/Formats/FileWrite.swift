/// A whole-file write: the file at `path` gets exactly `content`.
public struct FileWrite: Codable, Sendable, Equatable {
    public var path: String
    public var content: String

    public init(path: String, content: String) {
        self.path = path
        self.content = content
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case path, content
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try StrictKeys.check(decoder, allowed: CodingKeys.allCases)
        path = try container.decode(String.self, forKey: .path)
        content = try container.decode(String.self, forKey: .content)
    }
}

/// Resolves whole-file writes against the workspace.
public enum WholeFile {
    /// A created file for each missing path, the line diff for each existing one, nothing
    /// for a file that already has exactly this content. A path may be written once.
    ///
    /// `workspace` is called with paths as written: it must keep reads inside the workspace.
    public static func resolve(_ writes: [FileWrite], workspace: WorkspaceContents) throws(PatchFormatError) -> Patch {
        var files: [FilePatch] = []
        var seen: [String: Int] = [:]
        for (i, write) in writes.enumerated() {
            guard !write.path.isEmpty else { throw PatchFormatError("writes[\(i)].path: empty") }
            if let earlier = seen[write.path] {
                throw PatchFormatError(path: write.path, "writes[\(i)]: the file is already written by writes[\(earlier)]")
            }
            seen[write.path] = i
            let current = try currentContents(of: write.path, in: workspace, verb: "writes")
            if let change = FileChange.patch(path: write.path, old: current, new: Array(write.content.utf8)) {
                files.append(change)
            }
        }
        return Patch(files: files)
    }
}
