import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Splits what a socket delivers into lines, refusing one longer than a bound. Bytes are
/// searched and moved with `memchr` and `memmove`, never one at a time.
struct LineReader {
    let fd: Int32
    let maxLineBytes: Int
    /// Read bytes are `storage[start..<filled]`; the rest is room for the next read.
    private var storage = [UInt8](repeating: 0, count: chunk)
    private var start = 0
    private var filled = 0
    /// Where the search for the next newline resumes.
    private var scanned = 0
    private static let chunk = 64 << 10

    init(fd: Int32, maxLineBytes: Int) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
    }

    /// Reads on from where `earlier` stopped, with what it had read ahead.
    init(fd: Int32, maxLineBytes: Int, carrying earlier: LineReader) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
        storage = earlier.storage
        start = earlier.start
        filled = earlier.filled
        scanned = earlier.scanned
    }

    enum Next {
        case line(Data)
        case tooLong
        case end
    }

    /// The next line, without its newline.
    mutating func next() -> Next {
        while true {
            if let newline = newline() {
                let line = storage.withUnsafeBytes { raw in
                    raw.baseAddress.map { Data(bytes: $0 + start, count: newline - start) } ?? Data()
                }
                start = newline + 1
                scanned = start
                return .line(line)
            }
            scanned = filled
            if filled - start > maxLineBytes { return .tooLong }
            makeRoom()
            let count = storage.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { recv(fd, $0 + filled, raw.count - filled, 0) } ?? -1
            }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return .end }
            filled += count
        }
    }

    /// The index of the next newline at or after `scanned`.
    private func newline() -> Int? {
        storage.withUnsafeBytes { raw -> Int? in
            guard scanned < filled, let base = raw.baseAddress, let hit = memchr(base + scanned, 0x0A, filled - scanned) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
    }

    /// Moves the unread bytes to the front, and doubles the storage when they fill half of it.
    private mutating func makeRoom() {
        let unread = filled - start
        if unread * 2 > storage.count {
            var larger = [UInt8](repeating: 0, count: storage.count * 2)
            larger.withUnsafeMutableBytes { to in
                storage.withUnsafeBytes { from in
                    if let to = to.baseAddress, let from = from.baseAddress { memcpy(to, from + start, unread) }
                }
            }
            storage = larger
        } else if start > 0 {
            let from = start
            storage.withUnsafeMutableBytes { raw in
                if let base = raw.baseAddress { memmove(base, base + from, unread) }
            }
        }
        scanned -= start
        start = 0
        filled = unread
    }
}
