import AirlockCore
import ArgumentParser
import Foundation

/// A failure the command has already explained on stderr, with the exit code to use.
enum CommandFailure {
    /// Exit code for input that is not usable at all (unreadable, not a patch, bad flags).
    static let unusableInput: Int32 = 2

    /// Prints `airlock: message` to stderr, escaping anything that came from outside.
    static func report(_ message: String) {
        FileHandle.standardError.write(Data("airlock: \(VisibleText.escape(message, keepTabs: true))\n".utf8))
    }

    static func fail(_ message: String, code: Int32) -> ExitCode {
        report(message)
        return ExitCode(code)
    }
}

/// Writes to stdout without Foundation's buffering surprises.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes bytes to stdout as they are, without copying them into `Data` first.
func emit(bytes: UnsafeBufferPointer<UInt8>) throws {
    var written = 0
    while written < bytes.count {
        let result = write(STDOUT_FILENO, bytes.baseAddress! + written, bytes.count - written)
        if result < 0 {
            if errno == EINTR { continue }
            throw CommandFailure.fail("cannot write the output: \(String(cString: strerror(errno)))", code: 1)
        }
        written += result
    }
}
