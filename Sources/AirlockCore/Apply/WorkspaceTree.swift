#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The workspace as seen from one open root directory: every path is reached component
/// by component with `openat(O_DIRECTORY|O_NOFOLLOW)`, so no symlink is ever followed
/// on the way to a file.
struct WorkspaceTree {
    let root: DirectoryHandle
    /// The path the workspace was opened by.
    let location: String

    /// Opens the workspace directory named by `path` (the root itself is trusted).
    init(opening path: String) throws(FileSystemError) {
        root = try DirectoryHandle.opening(trusted: path, label: "")
        location = path
    }

    /// The directory at `path`; fails on a symlink or a non-directory on the way.
    func directory(_ path: WorkspacePath) throws(FileSystemError) -> DirectoryHandle {
        var current = root
        for name in path.components { current = try current.subdirectory(name) }
        return current
    }

    /// The directory at `path`, or nil when it or an ancestor is gone or has become a
    /// file; a symlink on the way is still an error. Recovery uses it to skip work that
    /// an earlier, interrupted run already did.
    func existingDirectory(_ path: WorkspacePath) throws(FileSystemError) -> DirectoryHandle? {
        do throws(FileSystemError) {
            return try directory(path)
        } catch {
            if error.meansGone { return nil }
            throw error
        }
    }

    /// Where the workspace is and which directory it is: recovery accepts a journal when
    /// either still matches (a moved workspace keeps its inode; a restored one its path).
    struct Identity: Codable, Equatable {
        var path: String
        var device: UInt64
        var inode: UInt64

        func matches(_ other: Identity) -> Bool {
            path == other.path || (device == other.device && inode == other.inode)
        }
    }

    func identity() throws(FileSystemError) -> Identity {
        var info = stat()
        guard fstat(root.descriptor, &info) == 0 else { throw FileSystemError("fstat", path: ".", errno: errno) }
        var path = ""
        if let resolved = realpath(location, nil) {
            path = String(cString: resolved)
            free(resolved)
        }
        return Identity(path: path, device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    // MARK: - inspection

    enum Inspection: Equatable {
        /// Every ancestor is a real directory and the entry exists.
        case found(EntryStatus)
        /// The first `existing` components are real directories; the next one is missing.
        case missing(existing: Int)
        /// This ancestor is a symlink or not a directory.
        case blocked(WorkspacePath, EntryStatus.Kind)
    }

    /// What is at `path`, looked up without following any symlink.
    func inspect(_ path: WorkspacePath) throws(FileSystemError) -> Inspection {
        var current = root
        for (depth, name) in path.components.dropLast().enumerated() {
            guard let status = try current.status(name) else { return .missing(existing: depth) }
            guard status.kind == .directory else { return .blocked(path.prefix(depth + 1), status.kind) }
            current = try current.subdirectory(name)
        }
        guard let status = try current.status(path.name) else { return .missing(existing: path.depth - 1) }
        return .found(status)
    }

    /// Everything inside the directory at `path`, recursively: the directories (deepest
    /// first) and the other entries; names that are not UTF-8 are reported as such.
    func contents(of path: WorkspacePath) throws(FileSystemError) -> (directories: [WorkspacePath], others: [WorkspacePath], undecodable: Int) {
        var directories: [WorkspacePath] = [], others: [WorkspacePath] = [], undecodable = 0
        func walk(_ handle: DirectoryHandle, _ at: WorkspacePath) throws(FileSystemError) {
            for name in try handle.entryNames() {
                guard let name else { undecodable += 1; continue }
                let child = at.appending(name)
                if try handle.status(name)?.kind == .directory {
                    try walk(try handle.subdirectory(name), child)
                    directories.append(child)
                } else {
                    others.append(child)
                }
            }
        }
        try walk(try directory(path), path)
        return (directories, others, undecodable)
    }
}
