#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Lets other OS users of one group look at a workspace (`airlock init --group G`):
/// `.airlock/` and its files belong to the group, which may read the config and the store
/// and use SQLite's shared-memory index (`store.sqlite-shm`, which every reader of a WAL
/// store writes), but may not change the store, the config or the directory. The
/// directory is set-group-ID, so files SQLite creates later inherit the group.
enum SharedAccess {
    static let directoryMode: mode_t = 0o2750
    static let fileMode: mode_t = 0o640
    static let sharedMemoryMode: mode_t = 0o660

    static func groupID(named name: String) throws -> gid_t {
        if let entry = getgrnam(name) { return entry.pointee.gr_gid }
        if let number = gid_t(name), getgrgid(number) != nil { return number }
        throw WorkspaceError.noSuchGroup(name)
    }

    static func share(stateDirectory: String, group: gid_t) throws {
        try apply(stateDirectory, group: group, mode: directoryMode)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: stateDirectory)) ?? []
        for name in names.sorted() {
            let path = stateDirectory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            try apply(path, group: group, mode: name.hasSuffix("-shm") ? sharedMemoryMode : fileMode)
        }
    }

    private static func apply(_ path: String, group: gid_t, mode: mode_t) throws {
        guard chown(path, uid_t.max, group) == 0 else {
            throw WorkspaceError.cannotShare(path: path, reason: String(cString: strerror(errno)) + " (only the owner, a member of the group, or root may set it)")
        }
        guard chmod(path, mode) == 0 else {
            throw WorkspaceError.cannotShare(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
