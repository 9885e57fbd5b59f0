import AirlockCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension PtyBytes {
    /// The master side of a pseudo-terminal of a fixed size, which the measurement reads
    /// and types into.
    final class Terminal {
        let master: Int32
        let slavePath: String

        // Linux's generic ioctl numbers: Glibc's module imports neither posix_openpt and
        // its friends nor these macros.
        private static let unlockRequest = UInt(0x4004_5431)  // TIOCSPTLCK
        private static let numberRequest = UInt(0x8004_5430)  // TIOCGPTN
        private static let setSizeRequest = UInt(0x5414)  // TIOCSWINSZ

        init(size: Size) throws {
            master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
            guard master >= 0 else { throw PtyBytesError(description: "cannot open /dev/ptmx: \(String(cString: strerror(errno)))") }
            var unlock: Int32 = 0
            var number: UInt32 = 0
            var window = winsize(ws_row: UInt16(size.rows), ws_col: UInt16(size.columns), ws_xpixel: 0, ws_ypixel: 0)
            guard ioctl(master, Self.unlockRequest, &unlock) == 0, ioctl(master, Self.numberRequest, &number) == 0,
                ioctl(master, Self.setSizeRequest, &window) == 0
            else {
                close(master)
                throw PtyBytesError(description: "cannot set up the pseudo-terminal: \(String(cString: strerror(errno)))")
            }
            slavePath = "/dev/pts/\(number)"
        }

        deinit {
            close(master)
        }

        /// Starts `command` as the leader of a new session whose controlling terminal is
        /// this one (opening the slave without `O_NOCTTY` after `setsid` makes it so),
        /// with no signal blocked or ignored, so it sees SIGWINCH and dies on SIGHUP.
        func spawn(_ command: [String], environment: [String: String], directory: String?) throws -> Program {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
            if let directory {
                guard let addChdir = Self.addChdir else { throw PtyBytesError(description: "posix_spawn cannot change directory here") }
                _ = addChdir(&actions, directory)
            }
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var defaults = sigset_t()
            sigfillset(&defaults)
            sigdelset(&defaults, SIGKILL)
            sigdelset(&defaults, SIGSTOP)
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            var empty = sigset_t()
            sigemptyset(&empty)
            posix_spawnattr_setsigmask(&attributes, &empty)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | Self.setSession)

            let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
            let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer {
                for pointer in argv { free(pointer) }
                for pointer in envp { free(pointer) }
            }
            var pid: pid_t = 0
            // posix_spawnp looks the name up in this process's PATH.
            let result = posix_spawnp(&pid, command[0], &actions, &attributes, argv, envp)
            guard result == 0 else { throw PtyBytesError(description: "cannot start \(command[0]): \(String(cString: strerror(result)))") }
            return Program(pid: pid)
        }

        /// Types `bytes` as one burst, as a terminal sends a key.
        func type(_ bytes: [UInt8]) throws {
            let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            guard written == bytes.count else { throw PtyBytesError(description: "cannot type into the terminal") }
        }

        /// What the program wrote from now until it was silent for `quiet` seconds after
        /// a byte, or `limit` seconds after `since` passed (also when nothing came): the
        /// byte count and the delays, in milliseconds from `since`, of the first and the
        /// last byte.
        func drain(quiet: Double, since: Int64, limit: Double) -> (bytes: Int, first: Double?, last: Double?) {
            var count = 0
            var first: Int64?
            var last: Int64?
            var chunk = [UInt8](repeating: 0, count: 65536)
            let end = since + Int64(limit * 1e6)
            while true {
                let deadline = last.map { min($0 + Int64(quiet * 1e6), end) } ?? end
                let wait = deadline - monotonicMicroseconds()
                guard wait > 0 else { break }
                var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, Int32(max(1, wait / 1000)))
                if ready < 0 && errno == EINTR { continue }
                guard ready > 0 else { continue }
                let got = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                guard got > 0 else { break }  // EIO: the program closed the terminal
                let at = monotonicMicroseconds()
                if first == nil { first = at }
                last = at
                count += got
            }
            let milliseconds = { (time: Int64) in Double(time - since) / 1000 }
            return (count, first.map(milliseconds), last.map(milliseconds))
        }

        /// glibc's `POSIX_SPAWN_SETSID` (2.26), declared only for `_GNU_SOURCE`.
        private static let setSession: Int16 = 0x80

        private static let addChdir: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32)? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
            return unsafeBitCast(
                symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32).self)
        }()
    }

    /// The program under measurement.
    final class Program {
        let pid: pid_t
        private var reaped = false

        init(pid: pid_t) {
            self.pid = pid
        }

        var isRunning: Bool {
            guard !reaped else { return false }
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid { reaped = true }
            return !reaped
        }

        /// SIGHUP, as when the terminal goes away, then SIGKILL, and the reap.
        func stop() {
            guard isRunning else { return }
            kill(pid, SIGHUP)
            for _ in 0..<50 where isRunning { usleep(10_000) }
            guard isRunning else { return }
            kill(pid, SIGKILL)
            var raw: Int32 = 0
            waitpid(pid, &raw, 0)
            reaped = true
        }
    }
}
