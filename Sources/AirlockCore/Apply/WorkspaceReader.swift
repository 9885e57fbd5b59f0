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

    /// The file's bytes, or nil when there is no such file.
    public func contents(of path: String) throws -> [UInt8]? {
        let checked = try PathPolicy.check(path)
        let tree = try WorkspaceTree(opening: root)
        guard let name = checked.components.last else { return nil }
        let parent = WorkspacePath(components: Array(checked.components.dropLast()))
        guard let directory = try tree.existingDirectory(parent) else { return nil }
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
