import Foundation

/// The workspace's directories as they are reached, each opened once instead of once per
/// file in it. Every directory is still reached component by component with
/// `openat(O_DIRECTORY|O_NOFOLLOW)` from the root, exactly as `WorkspaceTree` does; a
/// handle stays bound to the directory it opened, so keeping it open cannot lead a later
/// read or write through a symlink swapped in on the way.
///
/// A cache lives only while the directories it opened stay where they are: during
/// planning, which writes nothing, and during one step of a transaction that creates or
/// removes no directory (writing the staged files, renaming them). Thread-safe.
final class DirectoryCache: @unchecked Sendable {
    private let tree: WorkspaceTree
    private let lock = NSLock()
    // Guarded by `lock`.
    private var handles: [WorkspacePath: DirectoryHandle] = [:]
    /// Open descriptors are a limited resource: past this many the cache starts over.
    private let capacity: Int

    init(_ tree: WorkspaceTree, capacity: Int = 256) {
        self.tree = tree
        self.capacity = capacity
    }

    /// The directory at `path`; fails on a symlink or a non-directory on the way.
    func directory(_ path: WorkspacePath) throws(FileSystemError) -> DirectoryHandle {
        if path.isRoot { return tree.root }
        if let handle = cached(path) { return handle }
        let handle = try directory(path.parent).subdirectory(path.name)
        store(handle, at: path)
        return handle
    }

    /// The directory at `path`, or nil when it or an ancestor is gone or has become a
    /// file (`WorkspaceTree.existingDirectory`).
    func existingDirectory(_ path: WorkspacePath) throws(FileSystemError) -> DirectoryHandle? {
        do throws(FileSystemError) {
            return try directory(path)
        } catch {
            if error.errno == ENOENT || error.errno == ENOTDIR { return nil }
            throw error
        }
    }

    /// What is at `path`, looked up without following any symlink (`WorkspaceTree.inspect`).
    func inspect(_ path: WorkspacePath) throws(FileSystemError) -> WorkspaceTree.Inspection {
        var current = tree.root
        for depth in 0..<max(path.depth - 1, 0) {
            let prefix = path.prefix(depth + 1)
            if let handle = cached(prefix) {
                current = handle
                continue
            }
            let name = path.components[depth]
            guard let status = try current.status(name) else { return .missing(existing: depth) }
            guard status.kind == .directory else { return .blocked(prefix, status.kind) }
            current = try current.subdirectory(name)
            store(current, at: prefix)
        }
        guard let status = try current.status(path.name) else { return .missing(existing: path.depth - 1) }
        return .found(status)
    }

    private func cached(_ path: WorkspacePath) -> DirectoryHandle? {
        lock.lock()
        defer { lock.unlock() }
        return handles[path]
    }

    private func store(_ handle: DirectoryHandle, at path: WorkspacePath) {
        lock.lock()
        defer { lock.unlock() }
        if handles.count >= capacity { handles.removeAll() }
        handles[path] = handle
    }
}
