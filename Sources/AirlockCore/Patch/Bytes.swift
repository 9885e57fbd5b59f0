import Foundation

/// Immutable bytes that parsed patches point into: a copy of an array, or a read-only
/// memory map of a file, so a 100 MB patch is read without being copied.
public final class ByteStorage: @unchecked Sendable {
    // Never written after init, so sharing across threads is safe.
    let pointer: UnsafePointer<UInt8>
    public let count: Int
    private let release: @Sendable (UnsafeMutableRawPointer, Int) -> Void
    /// The storage this one is a window into, kept alive by it.
    private let parent: ByteStorage?

    public init(_ bytes: some Collection<UInt8>) {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = buffer.initialize(from: bytes)
        pointer = UnsafePointer(buffer.baseAddress!)
        count = bytes.count
        release = { pointer, _ in pointer.deallocate() }
        parent = nil
    }

    /// Storage of up to `capacity` bytes written by `fill`, which returns how many it
    /// wrote; nothing is zeroed or copied first.
    public init<E: Error>(capacity: Int, fill: (UnsafeMutableBufferPointer<UInt8>) throws(E) -> Int) throws(E) {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(capacity, 1))
        let written: Int
        do {
            written = try fill(UnsafeMutableBufferPointer(rebasing: buffer[0..<capacity]))
        } catch {
            buffer.deallocate()
            throw error
        }
        precondition(written >= 0 && written <= capacity, "fill wrote outside the storage")
        pointer = UnsafePointer(buffer.baseAddress!)
        count = written
        release = { pointer, _ in pointer.deallocate() }
        parent = nil
    }

    /// A window into `parent`'s bytes. Lines parsed from it retain this object, not the
    /// parent, so threads parsing different windows do not contend on one reference count.
    public init(window range: Range<Int>, of parent: ByteStorage) {
        precondition(range.lowerBound >= 0 && range.upperBound <= parent.count)
        pointer = parent.pointer + range.lowerBound
        count = range.count
        release = { _, _ in }
        self.parent = parent
    }

    private init(mapping pointer: UnsafePointer<UInt8>, count: Int) {
        self.pointer = pointer
        self.count = count
        release = { pointer, count in munmap(pointer, count) }
        parent = nil
    }

    /// Maps a regular file, or reads it when it cannot be mapped (pipes, empty files).
    public convenience init(contentsOfFile path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        if (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0,
            let map = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), map != MAP_FAILED
        {
            self.init(mapping: UnsafePointer(map.assumingMemoryBound(to: UInt8.self)), count: Int(info.st_size))
        } else {
            self.init(try Self.readAll(fd))
        }
    }

    /// Everything readable from a file descriptor (standard input, a pipe, a small file).
    public static func readAll(_ fd: Int32) throws -> [UInt8] {
        var info = stat()
        let size = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : -1
        // A file's size and one byte more (to meet its end in the same read), at least
        // 16 KiB (files in /proc say 0); 1 MiB for a pipe. Not zero-filled: a zeroed
        // megabyte cost more than parsing a small config.
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: size >= 0 ? max(size + 1, 16 << 10) : 1 << 20, alignment: 1)
        defer { chunk.deallocate() }
        var bytes: [UInt8] = []
        while true {
            let n = read(fd, chunk.baseAddress, chunk.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
        }
    }

    deinit {
        release(UnsafeMutableRawPointer(mutating: pointer), count)
    }

    /// All of the storage's bytes.
    public var bytes: Bytes { count == 0 ? Bytes() : Bytes(storage: self, range: 0..<count) }
}

/// A run of bytes inside a `ByteStorage`: a line of a hunk, a file's content. Indices are
/// offsets into the storage, as with `ArraySlice`.
public struct Bytes: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral, CustomDebugStringConvertible {
    let storage: ByteStorage?
    public let startIndex: Int
    public let endIndex: Int

    init(storage: ByteStorage, range: Range<Int>) {
        self.storage = storage
        startIndex = range.lowerBound
        endIndex = range.upperBound
    }

    public init() {
        storage = nil
        startIndex = 0
        endIndex = 0
    }

    public init(_ bytes: some Collection<UInt8>) {
        if bytes.isEmpty {
            self.init()
        } else {
            let storage = ByteStorage(bytes)
            self.init(storage: storage, range: 0..<storage.count)
        }
    }

    public init(arrayLiteral elements: UInt8...) {
        self.init(elements)
    }

    public typealias Indices = Range<Int>
    public var indices: Range<Int> { startIndex..<endIndex }
    @inlinable public func index(after i: Int) -> Int { i + 1 }
    @inlinable public func index(before i: Int) -> Int { i - 1 }
    @inlinable public func index(_ i: Int, offsetBy distance: Int) -> Int { i + distance }
    @inlinable public func distance(from start: Int, to end: Int) -> Int { end - start }
    public var count: Int { endIndex - startIndex }

    /// Whether the byte occurs, found with `memchr`.
    public func contains(byte: UInt8) -> Bool {
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    public subscript(position: Int) -> UInt8 {
        precondition(position >= startIndex && position < endIndex, "Bytes index out of range")
        return storage.unsafelyUnwrapped.pointer[position]
    }

    public subscript(bounds: Range<Int>) -> Bytes {
        precondition(bounds.lowerBound >= startIndex && bounds.upperBound <= endIndex, "Bytes range out of range")
        guard let storage, !bounds.isEmpty else { return Bytes() }
        return Bytes(storage: storage, range: bounds)
    }

    /// Copies with one `memcpy` where the standard library would copy byte by byte
    /// (`Array.append(contentsOf:)`, `Array.init(_:)`).
    public func _copyContents(initializing target: UnsafeMutableBufferPointer<UInt8>) -> (Iterator, Int) {
        let n = Swift.min(count, target.count)
        if n > 0, let destination = target.baseAddress {
            withUnsafeBufferPointer { source in
                destination.update(from: source.baseAddress!, count: n)
            }
        }
        return (Iterator(bytes: self, position: startIndex + n), n)
    }

    public struct Iterator: IteratorProtocol {
        let bytes: Bytes
        var position: Int

        public mutating func next() -> UInt8? {
            guard position < bytes.endIndex else { return nil }
            defer { position += 1 }
            return bytes.storage.unsafelyUnwrapped.pointer[position]
        }
    }

    public func makeIterator() -> Iterator { Iterator(bytes: self, position: startIndex) }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try withUnsafeBufferPointer(body)
    }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard let storage else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: storage.pointer + startIndex, count: endIndex - startIndex))
    }

    public static func == (a: Bytes, b: Bytes) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBufferPointer { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public var debugDescription: String { String(reflecting: String(decoding: self, as: UTF8.self)) }
}
