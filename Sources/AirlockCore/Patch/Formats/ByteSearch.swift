import Foundation

/// Exact byte-string search, for the formats that locate text by content.
enum ByteSearch {
    /// Start offsets of the occurrences of `pattern` in `text` that satisfy `accept`,
    /// left to right; with `overlapping` false, each search resumes after the previous
    /// occurrence. An empty pattern has no occurrences.
    static func occurrences(
        of pattern: [UInt8], in text: [UInt8], overlapping: Bool = false,
        where accept: (Int) -> Bool = { _ in true }
    ) -> [Int] {
        guard !pattern.isEmpty, pattern.count <= text.count else { return [] }
        var found: [Int] = []
        text.withUnsafeBufferPointer { haystack in
            pattern.withUnsafeBufferPointer { needle in
                guard let base = haystack.baseAddress, let needleBase = needle.baseAddress else { return }
                let first = Int32(needle[0])
                var start = 0
                let lastStart = haystack.count - needle.count
                while start <= lastStart {
                    guard let hit = memchr(base + start, first, lastStart - start + 1) else { return }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, needleBase, needle.count) == 0, accept(at) {
                        found.append(at)
                        start = overlapping ? at + 1 : at + needle.count
                    } else {
                        start = at + 1
                    }
                }
            }
        }
        return found
    }

    /// 1-based line number of the byte at `offset`.
    static func lineNumber(of offset: Int, in text: [UInt8]) -> Int {
        text[..<offset].reduce(1) { $1 == TextLines.newline ? $0 + 1 : $0 }
    }
}
