/// Why an agent's change (Codex patch, search/replace edits, Aider blocks, whole-file
/// writes, an edit request) could not be resolved into a `Patch`:
/// `line 7: src/app.py: chunk 2 not found: …`.
public struct PatchFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Whose fault it is: the text is not a usable change, or it is one that the
    /// workspace's current files refuse (context not found, file missing or in the way).
    public enum Cause: Equatable, Sendable {
        case input
        case workspace
    }

    /// 1-based line of the submitted text; nil when the input was not text or the problem
    /// is not tied to a line.
    public var line: Int?
    /// The workspace path the problem concerns, as the agent wrote it.
    public var path: String?
    public var message: String
    public var cause: Cause

    public init(line: Int? = nil, path: String? = nil, _ message: String, cause: Cause = .input) {
        self.line = line
        self.path = path
        self.message = message
        self.cause = cause
    }

    /// A change that the workspace's current files refuse.
    static func refused(line: Int? = nil, path: String, _ message: String) -> PatchFormatError {
        PatchFormatError(line: line, path: path, message, cause: .workspace)
    }

    public var description: String {
        var text = ""
        if let line { text += "line \(line): " }
        if let path { text += "\(path): " }
        return text + message
    }
}

extension PatchFormatError {
    /// Wraps a failure of the workspace reader: a path the workspace refuses to read (a
    /// directory, a symlink, a path outside it) or the caller's I/O, not the agent's text.
    /// `verb` says what the change does to the file: "deletes", "changes", "creates".
    static func unreadable(_ path: String, line: Int? = nil, verb: String, _ error: any Error) -> PatchFormatError {
        guard let entry = error as? WorkspaceReader.NotAFile else {
            return .refused(line: line, path: path, "cannot read the current file: \(error)")
        }
        switch entry.kind {
        case .directory:
            return .refused(line: line, path: path, "\(Quoted.name(path)) is a directory, not a file: a patch \(verb) files")
        case .symlink:
            return .refused(line: line, path: path, "\(Quoted.name(path)) is a symlink, and Airlock never reads or writes through a symlink")
        case .other(let kind):
            return .refused(line: line, path: path, "\(Quoted.name(path)) is a \(kind), not a regular file")
        case .regular:
            return .refused(line: line, path: path, "cannot read the current file: \(error)")
        }
    }
}

/// Reads a workspace file, turning the reader's own errors into a `PatchFormatError`.
func currentContents(of path: String, in workspace: WorkspaceContents, line: Int? = nil, verb: String = "changes") throws(PatchFormatError) -> [UInt8]? {
    do {
        return try workspace(path)
    } catch {
        throw .unreadable(path, line: line, verb: verb, error)
    }
}
