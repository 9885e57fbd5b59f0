import Foundation

/// Walks text line by line without copying; each line includes its `\n`.
struct LineCursor {
    let text: Bytes
    /// Offset of the current line's first byte.
    private(set) var offset: Int
    /// 1-based number of the current line.
    private(set) var lineNumber = 1
    private var cachedEnd: Int?

    init(_ text: Bytes, firstLineNumber: Int = 1) {
        self.text = text
        offset = text.startIndex
        lineNumber = firstLineNumber
    }

    /// The current line, with its terminator; nil at the end.
    mutating func peek() -> Range<Int>? {
        guard offset < text.endIndex else { return nil }
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

    /// Moves to `offset`, the start of line `lineNumber`, found by the caller.
    mutating func move(to offset: Int, lineNumber: Int) {
        self.offset = offset
        self.lineNumber = lineNumber
        cachedEnd = nil
    }

    /// The line after the current one, without moving.
    mutating func peekSecond() -> Range<Int>? {
        guard let line = peek(), line.upperBound < text.endIndex else { return nil }
        return line.upperBound..<Self.lineEnd(in: text, from: line.upperBound)
    }

    func starts(_ line: Range<Int>, with prefix: StaticString) -> Bool {
        Self.starts(text, line, with: prefix)
    }

    static func starts(_ text: Bytes, _ line: Range<Int>, with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard line.count >= count else { return false }
        return text.withUnsafeBufferPointer { buffer in
            memcmp(buffer.baseAddress! + (line.lowerBound - text.startIndex), prefix.utf8Start, count) == 0
        }
    }

    /// The end of the line starting at `start` (just past its `\n`, or the end of text).
    static func lineEnd(in text: Bytes, from start: Int) -> Int {
        text.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return start }
            let local = start - text.startIndex
            if let hit = memchr(base + local, Int32(UInt8(ascii: "\n")), buffer.count - local) {
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1 + text.startIndex
            }
            return text.endIndex
        }
    }
}
