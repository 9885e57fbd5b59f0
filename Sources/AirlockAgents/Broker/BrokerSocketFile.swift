import AirlockCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The file a broker listens at: made with mode 0600 in a directory this user owns, never
/// in place of anything but a dead socket, and removed only while it is still the one made.
struct BrokerSocketFile {
    let path: String
    private let device: UInt64
    private let inode: UInt64

    /// Binds `fd` at `path` (not yet listening, so nobody can connect before the mode is set).
    static func bind(_ fd: Int32, at path: String) throws -> BrokerSocketFile {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw refusal(path, "its directory \(VisibleText.escape(directory)) does not exist")
        }
        guard info.st_uid == geteuid() else {
            throw refusal(path, "its directory \(VisibleText.escape(directory)) belongs to another user (uid \(info.st_uid)): serve in a directory of your own")
        }
        guard info.st_mode & S_IWOTH == 0 else {
            throw refusal(path, "anyone may write its directory \(VisibleText.escape(directory)): serve in a directory only you can change")
        }
        try clearStale(path)
        try UnixSocket.withAddress(path) { address, length in
            guard Glibc.bind(fd, address, length) == 0 else {
                let reason = errno == EADDRINUSE ? "something else appeared there meanwhile" : String(cString: strerror(errno))
                throw refusal(path, reason)
            }
        }
        guard chmod(path, 0o600) == 0, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK else {
            let reason = String(cString: strerror(errno))
            _ = unlink(path)
            throw refusal(path, "cannot make it private: \(reason)")
        }
        return BrokerSocketFile(path: path, device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Removes the socket if it is still the one this broker made.
    func remove() {
        var info = stat()
        guard lstat(path, &info) == 0, UInt64(info.st_dev) == device, UInt64(info.st_ino) == inode else { return }
        _ = unlink(path)
    }

    /// Removes a socket nobody listens at any more (a broker that died); refuses
    /// anything else at the path.
    private static func clearStale(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw refusal(path, String(cString: strerror(errno))) }
            return
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw refusal(path, "something that is not a socket is there: it is not replaced")
        }
        if let fd = try? UnixSocket.connect(to: path) {
            close(fd)
            throw refusal(path, "another broker is serving there")
        }
        guard unlink(path) == 0 else { throw refusal(path, "cannot remove the dead socket there: \(String(cString: strerror(errno)))") }
    }

    private static func refusal(_ path: String, _ reason: String) -> BrokerError {
        BrokerError(.failed, "cannot serve the broker at \(VisibleText.escape(path)): \(reason)")
    }
}
