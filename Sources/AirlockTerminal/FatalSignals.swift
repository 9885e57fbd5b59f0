import Glibc

/// Gives the terminal back when SIGINT, SIGTERM or SIGHUP ends the process: the handler
/// writes the restoring sequence and the saved terminal modes (both async-signal-safe),
/// then lets the signal kill the process as it would have. SIGWINCH is left to ncurses,
/// whose own handler is what makes `KEY_RESIZE` arrive.
enum FatalSignals {
    static let handled = [SIGINT, SIGTERM, SIGHUP]

    // Read by the signal handler, so plain memory set up before it is installed; only
    // `install` and `uninstall` write it, from the thread that owns the terminal.
    nonisolated(unsafe) private static var descriptor: Int32 = -1
    nonisolated(unsafe) private static var restore: UnsafeMutableBufferPointer<UInt8>?
    nonisolated(unsafe) private static var modes: UnsafeMutablePointer<termios>?
    nonisolated(unsafe) private static var previous: [Int32: sigaction] = [:]

    /// The handlers in place now: taken before ncurses starts, since it installs its own
    /// for SIGINT and SIGTERM, and `uninstall` must leave the process as it found it.
    static func dispositions() -> [Int32: sigaction] {
        var found: [Int32: sigaction] = [:]
        for signal in handled {
            var old = sigaction()
            if sigaction(signal, nil, &old) == 0 { found[signal] = old }
        }
        return found
    }

    static func install(descriptor: Int32, restore bytes: [UInt8], modes saved: termios?, replacing original: [Int32: sigaction]) {
        uninstall()
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        restore = buffer
        if let saved {
            let pointer = UnsafeMutablePointer<termios>.allocate(capacity: 1)
            pointer.initialize(to: saved)
            modes = pointer
        }
        Self.descriptor = descriptor
        for signal in handled {
            guard let old = original[signal] else { continue }
            // A signal the parent chose to ignore (nohup) stays ignored.
            if unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = restoreAndDie
            sigemptyset(&action.sa_mask)
            for other in handled { sigaddset(&action.sa_mask, other) }
            if sigaction(signal, &action, nil) == 0 { previous[signal] = old }
        }
    }

    static func uninstall() {
        for (signal, old) in previous {
            var old = old
            _ = sigaction(signal, &old, nil)
        }
        previous = [:]
        descriptor = -1
        restore?.deallocate()
        restore = nil
        modes?.deallocate()
        modes = nil
    }

    /// Called from the handler: only async-signal-safe calls.
    static func restoreTerminal() {
        guard descriptor >= 0 else { return }
        if let restore, let base = restore.baseAddress {
            _ = write(descriptor, base, restore.count)
        }
        if let modes { _ = tcsetattr(descriptor, TCSANOW, modes) }
    }
}

private let restoreAndDie: @convention(c) (Int32) -> Void = { signal in
    FatalSignals.restoreTerminal()
    var standard = sigaction()
    standard.__sigaction_handler.sa_handler = SIG_DFL
    _ = sigaction(signal, &standard, nil)
    // Blocked while this handler runs: delivered, with its default action, on return.
    _ = raise(signal)
}
