#if canImport(Glibc)
import Glibc
#endif

/// Reads the child's captured standard output and error together, so neither pipe fills
/// up and stalls the child while this process waits on the other.
struct CapturedOutput {
    var standardOutput: [UInt8] = []
    var standardError: [UInt8] = []

    /// Reads until both pipes reach end of file (every process holding their write ends
    /// has exited or closed them) or `deadline` passes; returns false on the deadline.
    mutating func read(output: Int32?, error: Int32?, until deadline: ContinuousClock.Instant?, executable: String) throws(ProcessRunnerError) -> Bool {
        var open = [output, error].compactMap { $0 }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while !open.isEmpty {
            var descriptors = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), Self.milliseconds(until: deadline))
            if ready < 0 {
                if errno == EINTR { continue }
                throw .systemCall("poll", executable: executable, errno: errno)
            }
            if ready == 0 { return false }
            for entry in descriptors where entry.revents != 0 {
                let count = chunk.withUnsafeMutableBytes { Glibc.read(entry.fd, $0.baseAddress, $0.count) }
                if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if count <= 0 {
                    open.removeAll { $0 == entry.fd }
                } else if entry.fd == output {
                    standardOutput += chunk[..<count]
                } else {
                    standardError += chunk[..<count]
                }
            }
        }
        return true
    }

    /// poll's timeout: -1 for none, else the time left rounded up to a millisecond.
    private static func milliseconds(until deadline: ContinuousClock.Instant?) -> Int32 {
        guard let deadline else { return -1 }
        let left = deadline - .now
        if left <= .zero { return 0 }
        let (seconds, attoseconds) = left.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    }
}
