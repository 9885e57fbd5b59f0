#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AirlockCore
import Foundation

/// A pseudo-terminal whose secondary side stands in for the reviewer's terminal, so that
/// a test can build the `Reviewer` that deciding requires. (AirlockCoreTests has the same.)
final class PseudoTerminal {
    private let primary: Int32
    private let secondary: Int32

    init() throws {
        let primary = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard primary >= 0 else { throw POSIXError(.ENOTTY) }
        guard let name = Self.unlockedSecondaryName(primary) else {
            close(primary)
            throw POSIXError(.ENOTTY)
        }
        let secondary = open(name, O_RDWR | O_NOCTTY)
        guard secondary >= 0 else {
            close(primary)
            throw POSIXError(.ENOTTY)
        }
        self.primary = primary
        self.secondary = secondary
    }

    deinit {
        close(secondary)
        close(primary)
    }

    func reviewer() throws -> Reviewer {
        try Reviewer(terminal: secondary, environment: [:])
    }

    #if os(Linux)
    // Swift's Glibc module does not import posix_openpt, unlockpt and ptsname (they need
    // _XOPEN_SOURCE); the ioctls they wrap are used directly.
    private static let setLock: UInt = 0x4004_5431  // TIOCSPTLCK
    private static let getNumber: UInt = 0x8004_5430  // TIOCGPTN

    private static func unlockedSecondaryName(_ primary: Int32) -> String? {
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(primary, setLock, &unlock) == 0, ioctl(primary, getNumber, &number) == 0 else { return nil }
        return "/dev/pts/\(number)"
    }
    #else
    private static func unlockedSecondaryName(_ primary: Int32) -> String? {
        guard grantpt(primary) == 0, unlockpt(primary) == 0, let name = ptsname(primary) else { return nil }
        return String(cString: name)
    }
    #endif
}
