import Foundation

/// A real `airlock audit --follow --json --since SEQ` process. Its stdout is read through a
/// pipe on a thread of its own, which notes when each event's line arrived
/// (`monotonicMicroseconds`, the clock the writer and the workers use too).
final class FollowerProcess: @unchecked Sendable {
    struct Arrival {
        var seq: Int64
        var at: Int64
    }

    private let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var arrivals: [Arrival] = []
    private var malformed: [String] = []
    private var ended = false

    init(airlock: URL, root: URL, since: Int64) throws {
        process.executableURL = airlock
        process.arguments = ["audit", "--follow", "--json", "--since", "\(since)", "--workspace", root.path]
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let descriptor = output.fileHandleForReading.fileDescriptor
        Thread { [self] in readLines(from: descriptor) }.start()
    }

    /// The arrival of `seq`, waiting up to `timeout` seconds for it; nil if it did not come
    /// (the follower ended or was too slow).
    func wait(for seq: Int64, timeout: Double) -> Arrival? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while (arrivals.last?.seq ?? .min) < seq, !ended {
            if !condition.wait(until: deadline) { break }
        }
        return arrivals.last { $0.seq == seq }
    }

    /// Ends the follower (if it has not ended) and returns every event it delivered, in
    /// order of arrival, and the lines that carried no sequence number.
    func stop() -> (arrivals: [Arrival], malformed: [String]) {
        if process.isRunning { process.terminate() }
        condition.lock()
        while !ended { condition.wait() }
        let result = (arrivals, malformed)
        condition.unlock()
        process.waitUntilExit()
        return result
    }

    /// What the follower wrote to stderr; ends it first.
    var diagnostics: String {
        _ = stop()
        return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    private func readLines(from descriptor: Int32) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var partial: [UInt8] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            let at = monotonicMicroseconds()
            var seen: [Arrival] = []
            var bad: [String] = []
            var start = 0
            while let newline = buffer[start..<count].firstIndex(of: UInt8(ascii: "\n")) {
                partial.append(contentsOf: buffer[start..<newline])
                if let seq = Self.seq(partial) { seen.append(Arrival(seq: seq, at: at)) } else { bad.append(String(decoding: partial, as: UTF8.self)) }
                partial.removeAll(keepingCapacity: true)
                start = newline + 1
            }
            partial.append(contentsOf: buffer[start..<count])
            condition.lock()
            arrivals += seen
            malformed += bad
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    /// The `seq` of a line of `audit --follow --json`, which ends with `,"seq":N}`: read
    /// from the end, since `details` may hold a key of that name too.
    static func seq(_ line: [UInt8]) -> Int64? {
        let tail = String(decoding: line.suffix(40), as: UTF8.self)
        guard tail.hasSuffix("}"), let key = tail.range(of: #","seq":"#, options: .backwards) else { return nil }
        return Int64(tail[key.upperBound...].dropLast())
    }
}
