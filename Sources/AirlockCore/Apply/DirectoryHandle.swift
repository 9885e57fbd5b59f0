#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `fstatat(…, AT_SYMLINK_NOFOLLOW)` says about one directory entry.
struct EntryStatus: Equatable {
    enum Kind: Equatable {
        case regular
        case directory
        case symlink
        /// A fifo, socket or device, named for messages.
        case other(String)
    }

    var kind: Kind
    /// The permission bits (`st_mode & 0o7777`).
    var permissions: mode_t
    var size: Int
    /// Which file it is: equal for two names of one file (or one name over time) only.
    var identity: FileIdentity

    var isExecutable: Bool { permissions & S_IXUSR != 0 }
}

/// A file's device and inode numbers.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// One open directory. Every call names an entry *in* it with an `*at` system call and
/// never follows a symlink, so a link swapped in after a check cannot redirect a read or
/// a write. Closed when released.
final class DirectoryHandle {
    let descriptor: Int32
    /// Where the directory is, for messages: a workspace path or the journal directory.
    var label: String

    private init(descriptor: Int32, label: String) {
        self.descriptor = descriptor
        self.label = label
    }

    deinit { close(descriptor) }

    /// Opens a directory the caller trusts, such as the workspace root: symlinks in
    /// `path` itself are followed. `label` prefixes the paths in error messages.
    static func opening(trusted path: String, label: String) throws(FileSystemError) -> DirectoryHandle {
        let fd = retrying { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { throw FileSystemError("open", path: path, errno: errno) }
        return DirectoryHandle(descriptor: fd, label: label)
    }

    private func child(_ name: String) -> String {
        label.isEmpty ? name : label + "/" + name
    }

    // MARK: - reading

    /// The entry's status, or nil when there is no such entry.
    func status(_ name: String) throws(FileSystemError) -> EntryStatus? {
        var info = stat()
        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return nil }
            throw FileSystemError("fstatat", path: child(name), errno: errno)
        }
        return Self.status(info)
    }

    private static func status(_ info: stat) -> EntryStatus {
        let kind: EntryStatus.Kind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        case S_IFIFO: kind = .other("fifo")
        case S_IFSOCK: kind = .other("socket")
        case S_IFCHR: kind = .other("character device")
        case S_IFBLK: kind = .other("block device")
        default: kind = .other("unknown file type")
        }
        return EntryStatus(kind: kind, permissions: info.st_mode & 0o7777, size: Int(info.st_size), identity: FileIdentity(info))
    }

    /// Which directory this handle is open on.
    func identity() throws(FileSystemError) -> FileIdentity {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileSystemError("fstat", path: label, errno: errno) }
        return FileIdentity(info)
    }

    /// The subdirectory `name`; fails with `ELOOP` or `ENOTDIR` rather than follow a
    /// symlink or open something else.
    func subdirectory(_ name: String) throws(FileSystemError) -> DirectoryHandle {
        let fd = Self.retrying { openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        guard fd >= 0 else { throw FileSystemError("openat", path: child(name), errno: errno) }
        return DirectoryHandle(descriptor: fd, label: child(name))
    }

    /// The bytes of the regular file `name`, or nil when it holds more than `limit`.
    func readFile(_ name: String, limit: Int) throws(FileSystemError) -> [UInt8]? {
        // O_NONBLOCK: a fifo put in the file's place must not hang the reader.
        let fd = Self.retrying { openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else { throw FileSystemError("openat", path: child(name), errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystemError("fstat", path: child(name), errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw FileSystemError("read", path: child(name), errno: EINVAL) }
        if Int(info.st_size) > limit { return nil }
        // Read straight into an array of the file's size; keep reading past it in case the
        // file grew since fstat, up to the limit.
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while true {
            if filled == bytes.count {
                if bytes.count > limit { return nil }
                bytes += [UInt8](repeating: 0, count: max(bytes.count, 1 << 16))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Self.retrying { read(fd, buffer.baseAddress! + filled, buffer.count - filled) }
            }
            guard count >= 0 else { throw FileSystemError("read", path: child(name), errno: errno) }
            if count == 0 {
                bytes.removeSubrange(filled...)
                return bytes.count > limit ? nil : bytes
            }
            filled += count
        }
    }

    /// The bytes of the regular file `name` read straight into storage of their own, or
    /// nil when it holds more than `limit`. Nothing is zeroed or copied on the way.
    func readContent(_ name: String, limit: Int) throws(FileSystemError) -> Bytes? {
        let fd = Self.retrying { openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else { throw FileSystemError("openat", path: child(name), errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystemError("fstat", path: child(name), errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw FileSystemError("read", path: child(name), errno: EINVAL) }
        let size = Int(info.st_size)
        if size > limit { return nil }
        // One byte more than fstat said, to notice a file that grew since.
        let storage = try ByteStorage(capacity: size + 1) { (buffer) throws(FileSystemError) -> Int in
            var filled = 0
            while filled < buffer.count {
                let count = Self.retrying { read(fd, buffer.baseAddress.map { $0 + filled }, buffer.count - filled) }
                guard count >= 0 else { throw FileSystemError("read", path: child(name), errno: errno) }
                if count == 0 { break }
                filled += count
            }
            return filled
        }
        guard storage.count > size else { return storage.bytes }
        // It grew: read the rest the slow way, still up to the limit.
        var bytes = Array(storage.bytes)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { buffer in
                Self.retrying { read(fd, buffer.baseAddress, buffer.count) }
            }
            guard count >= 0 else { throw FileSystemError("read", path: child(name), errno: errno) }
            if count == 0 { return Bytes(bytes) }
            bytes += chunk[0..<count]
        }
        return nil
    }

    /// The target of the symlink `name`.
    func readLink(_ name: String) throws(FileSystemError) -> [UInt8] {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return readlinkat(descriptor, name, base, raw.count)
        }
        guard count >= 0 else { throw FileSystemError("readlinkat", path: child(name), errno: errno) }
        return buffer[0..<count].map { UInt8(bitPattern: $0) }
    }

    /// The names in this directory except `.` and `..`; nil for a name that is not UTF-8.
    func entryNames() throws(FileSystemError) -> [String?] {
        let copy = dup(descriptor)
        guard copy >= 0 else { throw FileSystemError("dup", path: label, errno: errno) }
        guard let stream = fdopendir(copy) else {
            let code = errno
            close(copy)
            throw FileSystemError("fdopendir", path: label, errno: code)
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var names: [String?] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    String(validatingCString: $0)
                }
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return names
    }

    // MARK: - writing

    /// Creates the subdirectory `name`; returns false when a directory is already there.
    @discardableResult
    func makeDirectory(_ name: String) throws(FileSystemError) -> Bool {
        if mkdirat(descriptor, name, 0o777) == 0 { return true }
        let code = errno
        if code == EEXIST, try status(name)?.kind == .directory { return false }
        throw FileSystemError("mkdirat", path: child(name), errno: code)
    }

    /// Creates the file `name`, which must not exist yet, with exactly these bytes and
    /// permission bits (whatever the umask).
    func createFile(_ name: String, bytes: [UInt8], permissions: mode_t, sync: Bool) throws(FileSystemError) {
        let fd = Self.retrying { openat(descriptor, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600) }
        guard fd >= 0 else { throw FileSystemError("openat", path: child(name), errno: errno) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Self.retrying { write(fd, buffer.baseAddress.map { $0 + written }, buffer.count - written) }
            }
            guard count > 0 else { throw FileSystemError("write", path: child(name), errno: count < 0 ? errno : EIO) }
            written += count
        }
        // Never setuid, setgid or sticky, whatever the plan says.
        guard fchmod(fd, permissions & 0o777) == 0 else { throw FileSystemError("fchmod", path: child(name), errno: errno) }
        if sync, fsync(fd) != 0 { throw FileSystemError("fsync", path: child(name), errno: errno) }
    }

    /// Creates the symlink `name` pointing at `target`.
    func createSymlink(_ name: String, target: [UInt8]) throws(FileSystemError) {
        let result = (target.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return symlinkat(base, descriptor, name)
        }
        guard result == 0 else { throw FileSystemError("symlinkat", path: child(name), errno: errno) }
    }

    /// Renames `name` to `target` in `destination`, replacing a file (never following a
    /// symlink) that is there.
    func rename(_ name: String, to target: String, in destination: DirectoryHandle) throws(FileSystemError) {
        guard renameat(descriptor, name, destination.descriptor, target) == 0 else {
            throw FileSystemError("renameat", path: child(name), errno: errno)
        }
    }

    /// Unlinks the file or symlink `name`; returns false when it was already gone.
    @discardableResult
    func removeFile(_ name: String) throws(FileSystemError) -> Bool {
        if unlinkat(descriptor, name, 0) == 0 { return true }
        if errno == ENOENT { return false }
        throw FileSystemError("unlinkat", path: child(name), errno: errno)
    }

    /// Removes the directory `name` if it is empty; returns false when it is gone or
    /// not empty.
    @discardableResult
    func removeEmptyDirectory(_ name: String) throws(FileSystemError) -> Bool {
        if unlinkat(descriptor, name, AT_REMOVEDIR) == 0 { return true }
        switch errno {
        case ENOENT, ENOTEMPTY, EEXIST, ENOTDIR: return false
        default: throw FileSystemError("unlinkat", path: child(name), errno: errno)
        }
    }

    // MARK: - durability and locking

    func sync() throws(FileSystemError) {
        guard fsync(descriptor) == 0 else { throw FileSystemError("fsync", path: label, errno: errno) }
    }

    /// Flushes the whole file system the directory is on.
    func syncFileSystem() throws(FileSystemError) {
        if let syncfs = Self.syncfs {
            guard syncfs(descriptor) == 0 else { throw FileSystemError("syncfs", path: label, errno: errno) }
        } else {
            // Without syncfs (not Linux), flush every file system.
            _ = fsync(descriptor)
            #if canImport(Glibc)
            Glibc.sync()
            #elseif canImport(Darwin)
            Darwin.sync()
            #endif
        }
    }

    // Glibc's Swift module hides syncfs (it needs _GNU_SOURCE), so it is looked up once.
    private typealias SyncFileSystem = @convention(c) (Int32) -> Int32
    private static let syncfs: SyncFileSystem? = {
        #if os(Linux)
        // A null handle is RTLD_DEFAULT in glibc: search the loaded libraries.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: SyncFileSystem.self)
        #else
        return nil
        #endif
    }()

    /// Waits for an exclusive advisory lock on this directory, held until it is closed.
    func lockExclusively() throws(FileSystemError) {
        guard Self.retrying({ flock(descriptor, LOCK_EX) }) == 0 else {
            throw FileSystemError("flock", path: label, errno: errno)
        }
    }

    private static func retrying<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}
