#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock an application takes before it validates a patch, when it does not yet know
/// whether it will write anything.
///
/// When the journal directory exists, this is that directory's lock. When it does not,
/// it is the lock of its nearest existing ancestor, and the directory is created only if
/// a transaction starts: made under a temporary name, locked, then renamed into place, so
/// it never appears unlocked. A process that finds no journal directory waits for the
/// ancestor's lock, then finds either the directory (locked until that application ends)
/// or still none. So two applications never validate and write at once, and a refused
/// patch leaves nothing behind.
struct JournalLock {
    let path: String
    /// The journal directory, locked; nil while it does not exist.
    private(set) var journal: JournalDirectory?
    private var ancestor: DirectoryHandle?

    static func take(_ path: String) throws(FileSystemError) -> JournalLock {
        if let journal = try JournalDirectory.open(path, create: false) {
            return JournalLock(path: path, journal: journal, ancestor: nil)
        }
        let ancestor = try nearestExistingAncestor(of: path)
        try ancestor.lockExclusively()
        // The process that held the ancestor's lock before us may have created it.
        if let journal = try JournalDirectory.open(path, create: false) {
            return JournalLock(path: path, journal: journal, ancestor: nil)
        }
        return JournalLock(path: path, journal: nil, ancestor: ancestor)
    }

    /// The journal directory, created (with its parents) if it does not exist yet.
    mutating func create() throws(FileSystemError) -> JournalDirectory {
        if let journal { return journal }
        let (parentPath, name) = Self.split(path)
        try JournalDirectory.makeDirectories(parentPath)
        let parent = try DirectoryHandle.opening(trusted: parentPath, label: parentPath)
        let temporary = "\(name).new-\(getpid())"
        guard mkdirat(parent.descriptor, temporary, 0o700) == 0 else {
            throw FileSystemError("mkdirat", path: path, errno: errno)
        }
        let handle: DirectoryHandle
        do throws(FileSystemError) {
            handle = try parent.subdirectory(temporary)
            try handle.lockExclusively()
            try parent.rename(temporary, to: name, in: parent)
        } catch {
            _ = try? parent.removeEmptyDirectory(temporary)
            throw error
        }
        handle.label = path
        let journal = JournalDirectory(handle: handle)
        self.journal = journal
        ancestor = nil
        return journal
    }

    private static func split(_ path: String) -> (parent: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let parent = String(path[..<slash])
        return (parent.isEmpty ? "/" : parent, String(path[path.index(after: slash)...]))
    }

    private static func nearestExistingAncestor(of path: String) throws(FileSystemError) -> DirectoryHandle {
        var candidate = split(path).parent
        while true {
            do throws(FileSystemError) {
                return try DirectoryHandle.opening(trusted: candidate, label: candidate)
            } catch {
                guard error.errno == ENOENT, candidate != "/", candidate != "." else { throw error }
                candidate = split(candidate).parent
            }
        }
    }
}
