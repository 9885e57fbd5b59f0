import Foundation

/// The workspace's directories as they are reached, each opened once instead of once per
/// file in it, and still checked every time: each component of a path is looked up in
/// its parent (`fstatat`, never following a symlink) and an open handle is reused only
/// while that name is still the very directory it was opened on. Anything else — a
/// symlink swapped in, a directory moved away or replaced — is opened afresh with
/// `openat(O_DIRECTORY|O_NOFOLLOW)`, which fails just as `WorkspaceTree`'s walk does. So
/// every lookup sees the tree as it is at that moment, as a walk from the root would,
/// for one `fstatat` per level instead of an `openat` and a `close`.
///
/// Thread-safe; meant for one planning or one step of a transaction (the handles it keeps
/// are closed when it goes).
final class DirectoryCache: @unchecked Sendable {
    private struct Entry {
        let handle: DirectoryHandle
        let identity: FileIdentity
    }

    private let tree: WorkspaceTree
    private let lock = NSLock()
    // Guarded by `lock`.
    private var entries: [WorkspacePath: Entry] = [:]
    /// Open descriptors are a limited resource: past this many the cache starts over.
    private let capacity: Int

    init(_ tree: WorkspaceTree, capacity: Int = 256) {
        self.tree = tree
        self.capacity = capacity
    }

    /// The directory at `path`; fails on a symlink or a non-directory on the way.
    func directory(_ path: WorkspacePath) throws(FileSystemError) -> DirectoryHandle {
        var current = tree.root
        for depth in 0..<path.depth {
            let prefix = path.prefix(depth + 1), name = path.components[depth]
            if let entry = cached(prefix), let status = try current.status(name), status.kind == .directory, status.identity == entry.identity {
                current = entry.handle
            } else {
                current = try open(name, in: current, at: prefix)
            }
        }
        return current
    }

    /// The directory at `path`, or nil when it or an ancestor is gone or has become a
    /// file (`WorkspaceTree.existingDirectory`).
    func existingDirectory(_ path: WorkspacePath) throws(FileSystemError) -> DirectoryHandle? {
        do throws(FileSystemError) {
            return try directory(path)
        } catch {
            if error.meansGone { return nil }
            throw error
        }
    }

    /// What is at `path`, looked up without following any symlink (`WorkspaceTree.inspect`).
    func inspect(_ path: WorkspacePath) throws(FileSystemError) -> WorkspaceTree.Inspection {
        try inspectWithParent(path).inspection
    }

    /// What is at `path`, and the directory holding it when every ancestor is one.
    func inspectWithParent(_ path: WorkspacePath) throws(FileSystemError) -> (inspection: WorkspaceTree.Inspection, parent: DirectoryHandle?) {
        var current = tree.root
        for depth in 0..<max(path.depth - 1, 0) {
            let prefix = path.prefix(depth + 1), name = path.components[depth]
            guard let status = try current.status(name) else { return (.missing(existing: depth), nil) }
            guard status.kind == .directory else { return (.blocked(prefix, status.kind), nil) }
            if let entry = cached(prefix), entry.identity == status.identity {
                current = entry.handle
            } else {
                current = try open(name, in: current, at: prefix)
            }
        }
        guard let status = try current.status(path.name) else { return (.missing(existing: path.depth - 1), current) }
        return (.found(status), current)
    }

    private func open(_ name: String, in parent: DirectoryHandle, at path: WorkspacePath) throws(FileSystemError) -> DirectoryHandle {
        let handle = try parent.subdirectory(name)
        let entry = Entry(handle: handle, identity: try handle.identity())
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll() }
        entries[path] = entry
        return handle
    }

    private func cached(_ path: WorkspacePath) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        return entries[path]
    }
}
