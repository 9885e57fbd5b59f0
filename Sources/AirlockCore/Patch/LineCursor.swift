import Foundation

/// Walks text line by line without copying; each line includes its `\n`.
struct LineCursor {
    let text: [UInt8]
    /// Offset of the current line's first byte.
    private(set) var offset = 0
    /// 1-based number of the current line.
    private(set) var lineNumber = 1
    private var cachedEnd: Int?

    init(_ text: [UInt8]) {
        self.text = text
    }

    var atEnd: Bool { offset >= text.count }

    /// The current line, with its terminator; nil at the end.
    mutating func peek() -> Range<Int>? {
        guard offset < text.count else { return nil }
        if let cachedEnd { return offset..<cachedEnd }
        let end = Self.lineEnd(in: text, from: offset)
        cachedEnd = end
        return offset..<end
    }

    mutating func advance() {
        guard let line = peek() else { return }
        offset = line.upperBound
        lineNumber += 1
        cachedEnd = nil
    }

    /// The line after the current one, without moving.
    mutating func peekSecond() -> Range<Int>? {
        guard let line = peek(), line.upperBound < text.count else { return nil }
        return line.upperBound..<Self.lineEnd(in: text, from: line.upperBound)
    }

    func starts(_ line: Range<Int>, with prefix: StaticString) -> Bool {
        Self.starts(text, line, with: prefix)
    }

    static func starts(_ text: [UInt8], _ line: Range<Int>, with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard line.count >= count else { return false }
        return prefix.withUTF8Buffer { p in
            var i = 0
            while i < count {
                if text[line.lowerBound + i] != p[i] { return false }
                i += 1
            }
            return true
        }
    }

    static func lineEnd(in text: [UInt8], from start: Int) -> Int {
        text.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return start }
            let remaining = buffer.count - start
            if let hit = memchr(base + start, Int32(UInt8(ascii: "\n")), remaining) {
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return buffer.count
        }
    }
}
