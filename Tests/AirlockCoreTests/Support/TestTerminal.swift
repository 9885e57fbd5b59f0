import Foundation
#if canImport(Glibc)
import Glibc
#endif
import AirlockCore

/// A pseudo-terminal pair, so a test can be the person at a terminal that deciding
/// requires. Closed when released.
final class TestTerminal {
    let master: Int32
    let slave: Int32

    // Linux's generic ioctl numbers; Glibc's module does not import posix_openpt & co.
    private static let unlockRequest = UInt(0x4004_5431)  // TIOCSPTLCK
    private static let numberRequest = UInt(0x8004_5430)  // TIOCGPTN

    init() throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
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
    }

    deinit {
        close(slave)
        close(master)
    }

    func reviewer(environment: [String: String] = [:]) throws -> Reviewer {
        try Reviewer(terminal: slave, environment: environment)
    }
}
