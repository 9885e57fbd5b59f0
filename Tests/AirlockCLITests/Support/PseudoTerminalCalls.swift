#if canImport(Glibc)
import Glibc
#endif

/// The pseudo-terminal calls of the C library. glibc declares them only under
/// `_XOPEN_SOURCE`, which Swift's Glibc module does not define, so they are looked up by
/// name and called with the C calling convention.
enum PseudoTerminalCalls {
    private static func function<T>(_ name: String, as type: T.Type) -> T? {
        // RTLD_DEFAULT: search the process's global symbols.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    /// A new master with its slave unlocked, and the slave's path.
    static func open() throws -> (master: Int32, slavePath: String) {
        guard let openpt = function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self),
            let grantpt = function("grantpt", as: (@convention(c) (Int32) -> Int32).self),
            let unlockpt = function("unlockpt", as: (@convention(c) (Int32) -> Int32).self),
            let ptsname = function("ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32).self)
        else { throw PseudoTerminalError(description: "the C library has no posix_openpt") }
        let master = openpt(O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw PseudoTerminalError(description: "posix_openpt: \(message(errno))") }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        var name = [CChar](repeating: 0, count: 256)
        guard grantpt(master) == 0, unlockpt(master) == 0, ptsname(master, &name, name.count) == 0 else {
            let code = errno
            close(master)
            throw PseudoTerminalError(description: "cannot set up the pseudo-terminal: \(message(code))")
        }
        return (master, String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// A pipe whose ends are closed in spawned children unless dup2'd there.
    static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard Glibc.pipe(&ends) == 0 else { throw PseudoTerminalError(description: "pipe: \(message(errno))") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
