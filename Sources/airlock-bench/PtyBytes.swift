import AirlockCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a full-screen program costs on the wire: it runs on a pseudo-terminal of a given
/// size, as the leader of its own session with the terminal as its controlling terminal,
/// and for each key pressed the bytes it writes until it falls quiet are counted, with
/// the time from the key to the first and to the last of them. Over SSH every byte is a
/// byte on the link, so fewer is better.
enum PtyBytes {
    struct Size {
        var columns: Int
        var rows: Int
    }

    /// One row of figures: a key pressed `presses` times, each press measured alone.
    struct KeyPress {
        /// What the row is called (`j (cursor down)`).
        var label: String
        /// The bytes a terminal sends for the key (`\u{1b}[6~` for PgDn).
        var bytes: [UInt8]
        var presses: Int
        /// Keys typed first and not measured (moving the cursor to the last row, say);
        /// each is followed by waiting for quiet.
        var setup: [[UInt8]] = []

        init(_ label: String, _ key: String, presses: Int = 20, setup: [[UInt8]] = []) {
            self.label = label
            self.bytes = Array(key.utf8)
            self.presses = presses
            self.setup = setup
        }
    }

    /// The figures of one key: bytes per press, and the delays from the key to the first
    /// and the last byte of the answer, in milliseconds (presses that drew nothing have
    /// no delay).
    struct KeyFigures {
        var label: String
        var bytes: [Int]
        var firstByte: [Double]
        var lastByte: [Double]

        var medianBytes: Int { Percentile.of(bytes.map(Double.init), 50).map { Int($0) } ?? 0 }
        var p99Bytes: Int { Percentile.of(bytes.map(Double.init), 99).map { Int($0) } ?? 0 }
    }

    /// How long the program must stay silent for its answer to a key to be over.
    static let quiet = 0.030
    /// How long it must stay silent after it starts before the first key: a program
    /// that loads in the background keeps drawing for a while.
    static let settle = 0.500

    /// Runs `command` (its first element a path, or a name looked up in `PATH`) in
    /// `directory` on a `size` terminal and returns the first paint (the bytes until it
    /// settles, its delays counted from the start) followed by one `KeyFigures` per entry
    /// of `keys`, in order. The program is killed at the end.
    static func measure(
        command: [String], environment: [String: String], size: Size, keys: [KeyPress], directory: String? = nil
    ) throws -> [KeyFigures] {
        let terminal = try Terminal(size: size)
        let program = try terminal.spawn(command, environment: environment, directory: directory)
        defer { program.stop() }

        let start = monotonicMicroseconds()
        let paint = terminal.drain(quiet: settle, since: start, limit: 60)
        var figures = [KeyFigures(label: "first paint", bytes: [paint.bytes], firstByte: paint.first.map { [$0] } ?? [], lastByte: paint.last.map { [$0] } ?? [])]
        for key in keys { figures.append(try press(key, on: terminal)) }
        guard program.isRunning else { throw PtyBytesError(description: "\(command[0]) exited during the measurement") }
        return figures
    }

    /// Types `key`'s setup keys, then presses it `presses` times, each press measured
    /// until the program falls quiet.
    static func press(_ key: KeyPress, on terminal: Terminal) throws -> KeyFigures {
        for setup in key.setup {
            try terminal.type(setup)
            _ = terminal.drain(quiet: quiet, since: monotonicMicroseconds(), limit: 2)
        }
        var row = KeyFigures(label: key.label, bytes: [], firstByte: [], lastByte: [])
        for _ in 0..<key.presses {
            let pressed = monotonicMicroseconds()
            try terminal.type(key.bytes)
            let answer = terminal.drain(quiet: quiet, since: pressed, limit: 2)
            row.bytes.append(answer.bytes)
            if let first = answer.first, let last = answer.last {
                row.firstByte.append(first)
                row.lastByte.append(last)
            }
        }
        return row
    }
}

struct PtyBytesError: Error, CustomStringConvertible {
    var description: String
}

/// Nearest-rank percentiles.
enum Percentile {
    static func of(_ samples: [Double], _ percent: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}
