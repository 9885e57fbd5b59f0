import Foundation

/// Exact byte-string search, for the formats that locate text by content. Linear in the
/// text and the pattern whatever they hold (Knuth–Morris–Pratt): an agent's search text
/// of half a file of `a` in a file of `a` costs one pass, not one comparison per byte
/// per position. Between partial matches it skips ahead with `memchr`.
enum ByteSearch {
    /// Start offsets of the occurrences of `pattern` in `text` that satisfy `accept`,
    /// left to right; with `overlapping` false, each search resumes after the previous
    /// occurrence. An empty pattern has no occurrences.
    static func occurrences(
        of pattern: [UInt8], in text: [UInt8], overlapping: Bool = false,
        where accept: (Int) -> Bool = { _ in true }
    ) -> [Int] {
        guard !pattern.isEmpty, pattern.count <= text.count else { return [] }
        let borders = Self.borders(of: pattern)
        var found: [Int] = []
        text.withUnsafeBufferPointer { haystack in
            pattern.withUnsafeBufferPointer { needle in
                guard let base = haystack.baseAddress else { return }
                let first = Int32(needle[0])
                let length = needle.count
                var position = 0
                var matched = 0
                while position < haystack.count {
                    if matched == 0 {
                        guard haystack.count - position >= length,
                            let hit = memchr(base + position, first, haystack.count - position - length + 1)
                        else { return }
                        position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    }
                    if haystack[position] == needle[matched] {
                        matched += 1
                        position += 1
                        guard matched == length else { continue }
                        let start = position - length
                        if accept(start) {
                            found.append(start)
                            matched = overlapping ? Int(borders[length - 1]) : 0
                        } else {
                            matched = Int(borders[length - 1])
                        }
                    } else if matched > 0 {
                        matched = Int(borders[matched - 1])
                    } else {
                        position += 1
                    }
                }
            }
        }
        return found
    }

    /// For each prefix of `pattern`, the length of its longest proper prefix that is also
    /// its suffix: where a partial match resumes after a mismatch.
    static func borders<Element: Equatable>(of pattern: [Element]) -> [Int32] {
        var borders = [Int32](repeating: 0, count: pattern.count)
        var length = 0
        var index = 1
        while index < pattern.count {
            if pattern[index] == pattern[length] {
                length += 1
                borders[index] = Int32(length)
                index += 1
            } else if length > 0 {
                length = Int(borders[length - 1])
            } else {
                index += 1
            }
        }
        return borders
    }

    /// 1-based line number of the byte at `offset`.
    static func lineNumber(of offset: Int, in text: [UInt8]) -> Int {
        text[..<offset].reduce(1) { $1 == TextLines.newline ? $0 + 1 : $0 }
    }
}
