#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// The user's terminal lent to an agent on a pseudo-terminal: the user's terminal in raw
/// mode (keys, Ctrl-C included, go to the agent as typed), what is typed copied to the
/// agent, its size followed, everything restored at the end.
final class TerminalProxy: Sendable {
    private let master: Int32
    private let saved: termios?
    private let lastSize = Mutex<(UInt16, UInt16)>((0, 0))
    private let stopping = Atomic<Bool>(false)

    init(master: Int32) {
        self.master = master
        var settings = termios()
        if tcgetattr(STDIN_FILENO, &settings) == 0 {
            saved = settings
            var raw = settings
            cfmakeraw(&raw)
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        } else {
            saved = nil
        }
        followSize()
    }

    /// Whether the user's terminal is in raw mode now (messages then need `\r\n`).
    var isRaw: Bool { saved != nil }

    /// Copies the user's terminal size to the agent's when it changed.
    func followSize() {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 || ioctl(STDIN_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return }
        let changed = lastSize.withLock { last in
            defer { last = (size.ws_row, size.ws_col) }
            return last != (size.ws_row, size.ws_col)
        }
        if changed { _ = ioctl(master, UInt(TIOCSWINSZ), &size) }
    }

    /// Copies what the user types to the agent until `stop`; on a thread of its own.
    func startCopyingInput() {
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !stopping.load(ordering: .relaxed) {
                var entry = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
                guard poll(&entry, 1, 100) > 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                var written = 0
                while written < count {
                    let result = buffer.withUnsafeBytes { write(master, $0.baseAddress.map { $0 + written }, count - written) }
                    if result < 0 && errno == EINTR { continue }
                    if result <= 0 { return }
                    written += result
                }
            }
        }
        thread.start()
    }

    /// Stops copying and gives the user's terminal its settings back.
    func restore() {
        stopping.store(true, ordering: .relaxed)
        if var saved { _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
    }
}
