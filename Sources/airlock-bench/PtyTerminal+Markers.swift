import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension PtyBytes.Terminal {
    /// Reads what the program writes until `marker` has arrived whole (it may be split
    /// across reads), or `limit` seconds after `since` passed: the delays in milliseconds
    /// from `since` to the read that completed the marker (nil when it never came) and to
    /// the first byte, and the bytes read on the way.
    ///
    /// Used where the screen keeps changing on its own (a live activity pane), so that
    /// silence cannot tell when the answer to a key arrived: the answer is recognised by
    /// bytes only it writes.
    func receive(until marker: [UInt8], since: Int64, limit: Double) -> (found: Double?, first: Double?, bytes: Int) {
        var count = 0
        var first: Double?
        var tail: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        let end = since + Int64(limit * 1e6)
        while true {
            let wait = end - monotonicMicroseconds()
            guard wait > 0 else { return (nil, first, count) }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(max(1, wait / 1000)))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            let got = chunk.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            guard got > 0 else { return (nil, first, count) }
            let at = monotonicMicroseconds()
            if first == nil { first = Double(at - since) / 1000 }
            count += got
            let window = tail + chunk[0..<got]
            if Self.contains(window, marker) { return (Double(at - since) / 1000, first, count) }
            tail = Array(window.suffix(max(0, marker.count - 1)))
        }
    }

    /// Reads and throws away whatever the program writes for `seconds`.
    func discard(for seconds: Double) {
        _ = receive(until: [], since: monotonicMicroseconds(), limit: seconds)
    }

    static func contains(_ bytes: [UInt8], _ marker: [UInt8]) -> Bool {
        guard !marker.isEmpty, bytes.count >= marker.count else { return false }
        for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
            if bytes[start..<start + marker.count].elementsEqual(marker) { return true }
        }
        return false
    }
}

extension PtyBytes.Program {
    /// The process's peak resident set (`VmHWM` in /proc/PID/status), in bytes.
    var peakResident: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// The processor time the process has used so far, user and system, in seconds
    /// (`utime` and `stime` in /proc/PID/stat).
    var processorSeconds: Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")")
        else { return nil }
        // After the name in parentheses: state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

/// This process's processor time so far, user and system, in seconds.
func ownProcessorSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
