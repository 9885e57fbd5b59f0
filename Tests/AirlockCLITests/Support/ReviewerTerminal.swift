#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation

/// A pseudo-terminal held open in the test process, so a test can build the `Reviewer`
/// that deciding requires without driving `airlock review`.
final class ReviewerTerminal {
    private let master: Int32
    private let slave: Int32

    init() throws {
        let (master, path) = try PseudoTerminalCalls.open()
        let slave = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else {
            close(master)
            throw PseudoTerminalError(description: "cannot open \(path): \(PseudoTerminalCalls.message(errno))")
        }
        self.master = master
        self.slave = slave
    }

    deinit {
        close(slave)
        close(master)
    }

    func reviewer() throws -> Reviewer {
        try Reviewer(terminal: slave, environment: [:])
    }
}
