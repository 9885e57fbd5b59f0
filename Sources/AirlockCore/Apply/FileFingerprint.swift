#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `fstatat` says changes when a file's content may have: which file it is, its size,
/// and its modification and status-change times to the nanosecond. A write changes the
/// status-change time, which no one can set back; only a write within the file system's
/// timestamp granularity of the last one can leave the fingerprint as it was.
struct FileFingerprint: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Timestamp
    var changed: Timestamp

    /// Seconds and nanoseconds since the epoch, ordered.
    struct Timestamp: Equatable, Comparable {
        var seconds: Int
        var nanoseconds: Int

        init(_ time: timespec) {
            seconds = Int(time.tv_sec)
            nanoseconds = Int(time.tv_nsec)
        }

        init(seconds: Int, nanoseconds: Int) {
            self.seconds = seconds
            self.nanoseconds = nanoseconds
        }

        static func < (a: Timestamp, b: Timestamp) -> Bool {
            (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
        }

        static var now: Timestamp {
            var time = timespec()
            clock_gettime(CLOCK_REALTIME, &time)
            return Timestamp(time)
        }
    }

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Timestamp(info.st_mtim)
        changed = Timestamp(info.st_ctim)
    }
}

extension DirectoryHandle {
    /// The fingerprint of the regular file `name`; nil when there is none, and nil too
    /// for anything else there (a symlink, a directory), which the caller's read refuses.
    func fingerprint(_ name: String) throws(FileSystemError) -> FileFingerprint? {
        var info = stat()
        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw FileSystemError("fstatat", path: label + "/" + name, errno: errno)
        }
        return info.st_mode & S_IFMT == S_IFREG ? FileFingerprint(info) : nil
    }
}
