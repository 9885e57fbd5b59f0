import AirlockCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The system calls of a Unix stream socket the broker and its client make.
enum UnixSocket {
    /// The longest path `sun_path` holds, without its terminating NUL.
    static let pathLimit = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    /// A new stream socket, closed on exec.
    static func make() throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure("cannot make a socket") }
        return fd
    }

    /// Runs `body` with the address of `path`. A path longer than `sun_path` holds is
    /// reached through its directory, opened, as `/proc/self/fd/N/NAME`.
    static func withAddress<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) throws -> T) throws -> T {
        if path.utf8.count <= pathLimit { return try withShortAddress(path, body) }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot open \(directory), the directory of the socket") }
        defer { close(fd) }
        let alias = "/proc/self/fd/\(fd)/\(name)"
        guard alias.utf8.count <= pathLimit, access("/proc/self/fd", X_OK) == 0 else {
            throw BrokerError(.disconnected, "the socket path \(VisibleText.escape(path)) is \(path.utf8.count) bytes, longer than the \(pathLimit) a Unix socket address holds: use a shorter path")
        }
        return try withShortAddress(alias, body)
    }

    private static func withShortAddress<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) throws -> T) throws -> T {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        return try withUnsafePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                try body(generic, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    /// Connects a new socket to `path`.
    static func connect(to path: String) throws -> Int32 {
        let fd = try make()
        do {
            try withAddress(path) { address, length in
                guard Glibc.connect(fd, address, length) == 0 else {
                    throw BrokerError(.disconnected, "cannot reach the broker at \(VisibleText.escape(path)): \(String(cString: strerror(errno)))")
                }
            }
            return fd
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// Writes all of `data`; false when the peer is gone or a write timed out.
    static func writeAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            guard var pointer = raw.baseAddress else { return true }
            var left = raw.count
            while left > 0 {
                let written = send(fd, pointer, left, Int32(MSG_NOSIGNAL))
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                pointer += written
                left -= written
            }
            return true
        }
    }

    /// Sets a send or receive timeout (`SO_SNDTIMEO`, `SO_RCVTIMEO`) in seconds.
    static func setTimeout(_ fd: Int32, _ option: Int32, seconds: Int) {
        var value = timeval(tv_sec: seconds, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The user id of the process at the other end.
    static func peerUser(_ fd: Int32) -> uid_t? {
        // `struct ucred`, which the Glibc module declares only for _GNU_SOURCE.
        var credentials: (pid: pid_t, uid: uid_t, gid: gid_t) = (0, 0, 0)
        var length = socklen_t(MemoryLayout<(pid_t, uid_t, gid_t)>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return nil }
        return credentials.uid
    }

    /// Accepts a client, its descriptor closed on exec from the start where `accept4` exists.
    static func accept(_ listener: Int32) -> Int32 {
        if let accept4 = GNUSocketCalls.accept4 { return accept4(listener, nil, nil, Int32(SOCK_CLOEXEC.rawValue)) }
        let fd = Glibc.accept(listener, nil, nil)
        if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return fd
    }

    /// A pipe closed on exec, as `(read, write)`.
    static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        let made = ends.withUnsafeMutableBufferPointer { buffer -> Int32 in
            if let pipe2 = GNUSocketCalls.pipe2 { return pipe2(buffer.baseAddress, O_CLOEXEC) }
            let made = Glibc.pipe(buffer.baseAddress)
            if made == 0 {
                _ = fcntl(buffer[0], F_SETFD, FD_CLOEXEC)
                _ = fcntl(buffer[1], F_SETFD, FD_CLOEXEC)
            }
            return made
        }
        guard made == 0 else { throw failure("cannot make a pipe") }
        return (ends[0], ends[1])
    }

    static func failure(_ what: String) -> BrokerError {
        BrokerError(.failed, "\(what): \(String(cString: strerror(errno)))")
    }
}

/// glibc calls the Glibc module leaves out (declared only for `_GNU_SOURCE`), looked up
/// at run time; nil where the C library lacks them.
private enum GNUSocketCalls {
    typealias Accept4 = @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32

    static let accept4: Accept4? = symbol("accept4")
    static let pipe2: Pipe2? = symbol("pipe2")

    private static func symbol<Function>(_ name: String) -> Function? {
        guard let pointer = dlsym(dlopen(nil, RTLD_NOW), name) else { return nil }
        return unsafeBitCast(pointer, to: Function.self)
    }
}
