import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal of a given size: the adapter runs on the slave, the test types into
/// and reads what was sent from the master. Closed when released.
final class PseudoTerminalPair {
    let master: Int32
    let slave: Int32

    // Linux's generic ioctl numbers; Glibc's module does not import posix_openpt & co.
    private static let unlockRequest = UInt(0x4004_5431)  // TIOCSPTLCK
    private static let numberRequest = UInt(0x8004_5430)  // TIOCGPTN
    private static let setSizeRequest = UInt(0x5414)  // TIOCSWINSZ

    init(width: Int, height: Int) throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_NONBLOCK)
        guard master >= 0 else { throw POSIXError(.ENOTTY) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, Self.unlockRequest, &unlock) == 0, ioctl(master, Self.numberRequest, &number) == 0 else {
            close(master)
            throw POSIXError(.ENOTTY)
        }
        slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else {
            close(master)
            throw POSIXError(.ENOTTY)
        }
        try resize(width: width, height: height)
    }

    /// Sets the size the terminal reports (a window resized; no SIGWINCH is sent).
    func resize(width: Int, height: Int) throws {
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(slave, Self.setSizeRequest, &size) == 0 else { throw POSIXError(.ENOTTY) }
    }

    deinit {
        close(slave)
        close(master)
    }

    /// Types `text` into the terminal.
    func type(_ text: String) {
        Self.type(text, into: master)
    }

    /// Types `text` into the terminal whose master is `master`, waiting while its input
    /// is full; for a thread that feeds the terminal while the test reads.
    static func type(_ text: String, into master: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes = bytes.dropFirst(count)
            } else if count < 0, errno == EAGAIN || errno == EINTR {
                var ready = pollfd(fd: master, events: Int16(POLLOUT), revents: 0)
                _ = poll(&ready, 1, 100)
            } else {
                return
            }
        }
    }

    /// Everything the program has sent since the last call.
    func sent() -> [UInt8] {
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 20) > 0 else { return all }
            let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { return all }
            all += chunk[0..<count]
        }
    }
}
