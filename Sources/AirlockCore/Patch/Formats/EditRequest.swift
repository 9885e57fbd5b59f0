import Foundation

/// What an agent sends the CLI as JSON: search/replace edits, whole-file writes, or both,
/// on distinct files.
///
/// ```json
/// {"edits": [{"path": "src/a.swift", "old": "let x = 1", "new": "let x = 2"}],
///  "writes": [{"path": "NOTES.md", "content": "…"}]}
/// ```
public struct EditRequest: Codable, Sendable, Equatable {
    public var edits: [Edit]?
    public var writes: [FileWrite]?

    public init(edits: [Edit]? = nil, writes: [FileWrite]? = nil) {
        self.edits = edits
        self.writes = writes
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case edits, writes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try StrictKeys.check(decoder, allowed: CodingKeys.allCases)
        edits = try container.decodeIfPresent([Edit].self, forKey: .edits)
        writes = try container.decodeIfPresent([FileWrite].self, forKey: .writes)
    }

    /// Decodes a request; errors name the field: `edits[2].old: missing`.
    public static func decode(json: [UInt8]) throws(PatchFormatError) -> EditRequest {
        let request: EditRequest
        do {
            request = try JSONDecoder().decode(EditRequest.self, from: Data(json))
        } catch let error as DecodingError {
            throw PatchFormatError(StrictKeys.describe(error, json: json))
        } catch {
            throw PatchFormatError("not valid JSON: \(error)")
        }
        if (request.edits ?? []).isEmpty && (request.writes ?? []).isEmpty {
            throw PatchFormatError("request: no `edits` and no `writes`")
        }
        return request
    }

    /// The edits' files, then the written files. A file may be edited or written, not both.
    ///
    /// `workspace` is called with paths as written: it must keep reads inside the workspace.
    public func resolve(workspace: WorkspaceContents) throws(PatchFormatError) -> Patch {
        let edits = self.edits ?? [], writes = self.writes ?? []
        let edited = Set(edits.map(\.path))
        if let (i, write) = writes.enumerated().first(where: { edited.contains($0.element.path) }) {
            throw PatchFormatError(path: write.path, "writes[\(i)]: the file is also changed by `edits`; send either edits or a whole-file write for it")
        }
        let editPatch = try SearchReplace.resolve(edits, workspace: workspace)
        let writePatch = try WholeFile.resolve(writes, workspace: workspace)
        return Patch(files: editPatch.files + writePatch.files)
    }
}
