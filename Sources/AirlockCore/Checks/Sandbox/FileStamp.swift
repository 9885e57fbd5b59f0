#if canImport(Glibc)
import Glibc
#endif

/// What `lstat` says about one file, enough to tell that it changed: a different size,
/// mode, inode, modification or change time. The change time cannot be set by a program
/// (unlike the modification time), so a file rewritten in place and `touch`ed back to its
/// old time is still caught.
struct FileStamp: Equatable, Sendable {
    var size: Int64
    var modified: Int64
    var changed: Int64
    /// The whole `st_mode`: the file type and its permissions.
    var mode: UInt32
    var inode: UInt64
    var device: UInt64

    init(size: Int64, modified: Int64, changed: Int64, mode: UInt32, inode: UInt64, device: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.mode = mode
        self.inode = inode
        self.device = device
    }

    init(_ info: stat) {
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        mode = UInt32(info.st_mode)
        inode = UInt64(info.st_ino)
        device = UInt64(info.st_dev)
    }

    var isRegularFile: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }
    var isSymlink: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFLNK) }
    var isDirectory: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFDIR) }

    /// The permissions a copy gets: the file's, without set-user-ID, set-group-ID or
    /// sticky bits.
    var copyPermissions: mode_t { mode_t(mode) & 0o777 }

    /// The entry's stamp, or nil when there is none; never follows a final symlink.
    static func of(_ name: String, in directory: Int32) -> FileStamp? {
        var info = stat()
        guard fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return FileStamp(info)
    }

    static func of(descriptor: Int32) -> FileStamp? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return FileStamp(info)
    }
}

/// The clock file times come from, and how coarse it is: a file changed twice within one
/// tick keeps the same times, so a stamp taken within a tick of now proves nothing yet.
enum FileClock {
    /// Nanoseconds since the epoch, at the kernel's file-time granularity.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Two ticks of the coarse clock, and at least 10 ms.
    static let racyWindow: Int64 = {
        var resolution = timespec()
        clock_getres(CLOCK_REALTIME_COARSE, &resolution)
        let tick = Int64(resolution.tv_sec) * 1_000_000_000 + Int64(resolution.tv_nsec)
        return max(2 * tick, 10_000_000)
    }()
}
