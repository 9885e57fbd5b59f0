#if canImport(Glibc)
import Glibc
#endif

/// Reads current workspace files for the formats located by content (Codex patches,
/// search/replace edits, whole-file writes) under the applier's rules: the path must pass
/// the path policy, and no symlink is followed on the way or at the end.
public struct WorkspaceReader: Sendable {
    public let root: String
    public var maxFileBytes: Int

    public init(root: String, maxFileBytes: Int = ApplyOptions().maxFileBytes) {
        self.root = root
        self.maxFileBytes = maxFileBytes
    }

    /// The path names something other than a regular file.
    public struct NotAFile: Error, Sendable, CustomStringConvertible {
        public var path: String
        var kind: EntryStatus.Kind

        public var description: String {
            switch kind {
            case .directory: return "\(Quoted.name(path)) is a directory, not a file"
            case .symlink: return "\(Quoted.name(path)) is a symlink, not a regular file"
            case .other(let other): return "\(Quoted.name(path)) is a \(other), not a regular file"
            case .regular: return "\(Quoted.name(path)) is a regular file"
            }
        }
    }

    /// The file's bytes, or nil when there is no such file. Throws `NotAFile` for a
    /// directory, symlink or special file there.
    public func contents(of path: String) throws -> [UInt8]? {
        let checked = try PathPolicy.check(path)
        let tree = try WorkspaceTree(opening: root)
        guard let name = checked.components.last else { return nil }
        let parent = WorkspacePath(components: Array(checked.components.dropLast()))
        guard let directory = try tree.existingDirectory(parent) else { return nil }
        guard let status = try directory.status(name) else { return nil }
        guard status.kind == .regular else { throw NotAFile(path: path, kind: status.kind) }
        do {
            guard let bytes = try directory.readFile(name, limit: maxFileBytes) else {
                throw ApplyProblem(path: path, "\(Quoted.name(path)) is larger than \(maxFileBytes) bytes")
            }
            return bytes
        } catch let error as FileSystemError where error.errno == ENOENT {
            return nil
        }
    }

    /// The reader as the closure `PatchReader` takes.
    public var closure: WorkspaceContents {
        let reader = self
        return { path in try reader.contents(of: path) }
    }
}
