import AirlockCore
import Foundation

/// The agents' log as it grows, read line by line for the screen. Each line is escaped
/// again on the way out: the log is a file anyone could have written to.
struct DemoLog {
    private let handle: FileHandle
    /// The start of a line whose end has not been written yet.
    private var partial: [UInt8] = []

    init(_ url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
    }

    /// The lines completed since the last call.
    mutating func newLines() -> [String] {
        let data = (try? handle.readToEnd()) ?? nil
        partial += data.map(Array.init) ?? []
        guard let last = partial.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        let complete = partial[..<last]
        partial.removeSubrange(...last)
        return complete.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            VisibleText.escape(String(decoding: $0, as: UTF8.self))
        }
    }

    /// Prints the log as it grows until `cast` has finished, then whatever is left.
    mutating func follow(_ cast: DemoCast) {
        while true {
            let finished = cast.stillRunning.isEmpty
            for line in newLines() { emit(line + "\n") }
            if finished { break }
            usleep(100_000)
        }
        if !partial.isEmpty { emit(VisibleText.escape(String(decoding: partial, as: UTF8.self)) + "\n") }
        partial = []
    }
}
