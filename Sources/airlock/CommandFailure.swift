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

func emit(bytes: [UInt8]) {
    FileHandle.standardOutput.write(Data(bytes))
}
