import Foundation
import Testing
@testable import AirlockCore

/// `ByteStorage.readAll` returns every byte of a small file, an empty one, and a pipe
/// that delivers more than one read's worth in pieces.
@Suite("Reading a whole descriptor")
struct ReadAllTests {
    static func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }

    @Test(arguments: [0, 1, 1000, 4096, 3 << 20])
    func aFileIsReadWhole(count: Int) throws {
        let sandbox = try Sandbox()
        let path = sandbox.base + "/data"
        let bytes = Self.pattern(count)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        #expect(try ByteStorage.readAll(fd) == bytes)
    }

    @Test func aPipeIsReadToItsEnd() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let bytes = Self.pattern((5 << 20) + 123)
        let (reading, writing) = (ends[0], ends[1])
        let writer = Thread {
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    // Small, uneven writes: the reader sees many partial reads.
                    let n = write(writing, buffer.baseAddress! + offset, min(70_001, buffer.count - offset))
                    if n <= 0 { break }
                    offset += n
                }
            }
            close(writing)
        }
        writer.start()
        defer { close(reading) }
        #expect(try ByteStorage.readAll(reading) == bytes)
    }

    @Test func aProcFileThatSaysItIsEmptyIsReadWhole() throws {
        let fd = open("/proc/self/status", O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let text = String(decoding: try ByteStorage.readAll(fd), as: UTF8.self)
        #expect(text.hasPrefix("Name:") && text.contains("\nPid:"))
    }

    @Test func aBadDescriptorIsAnError() {
        #expect(throws: POSIXError.self) { try ByteStorage.readAll(-1) }
    }
}
