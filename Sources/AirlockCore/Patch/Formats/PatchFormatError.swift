/// Why an agent's change (Codex patch, search/replace edits, Aider blocks, whole-file
/// writes, an edit request) could not be resolved into a `Patch`:
/// `line 7: src/app.py: chunk 2 not found: …`.
public struct PatchFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line of the submitted text; nil when the input was not text or the problem
    /// is not tied to a line.
    public var line: Int?
    /// The workspace path the problem concerns, as the agent wrote it.
    public var path: String?
    public var message: String

    public init(line: Int? = nil, path: String? = nil, _ message: String) {
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        var text = ""
        if let line { text += "line \(line): " }
        if let path { text += "\(path): " }
        return text + message
    }
}

extension PatchFormatError {
    /// Wraps a failure of the workspace reader, which is the caller's I/O, not the agent's input.
    static func unreadable(_ path: String, line: Int? = nil, _ error: any Error) -> PatchFormatError {
        PatchFormatError(line: line, path: path, "cannot read the current file: \(error)")
    }
}

/// Reads a workspace file, turning the reader's own errors into a `PatchFormatError`.
func currentContents(of path: String, in workspace: WorkspaceContents, line: Int? = nil) throws(PatchFormatError) -> [UInt8]? {
    do {
        return try workspace(path)
    } catch {
        throw .unreadable(path, line: line, error)
    }
}
