import AirlockCore

/// The spans that differ between a removed line and the added line paired with it, by
/// words (as `git diff --word-diff` and delta mark them): a token-level longest common
/// subsequence between the common prefix and suffix.
///
/// Computed for visible lines only, and bounded: lines longer than `maxBytes` or whose
/// differing middles would need more than `maxCells` comparisons get their middle marked
/// whole; lines sharing less than `minShared` of their text get no marks (the whole line
/// is new, and marking all of it says nothing).
enum WordDiff {
    static let maxBytes = 8192
    static let maxCells = 20_000
    static let minShared = 0.4

    /// Byte ranges (from 0) that changed in `old` and in `new`, or nil when the lines are
    /// too different (or too long) to mark.
    static func changes(old: Bytes, new: Bytes) -> (old: [Range<Int>], new: [Range<Int>])? {
        guard old.count <= maxBytes, new.count <= maxBytes, old != new else { return nil }
        let a = Array(old), b = Array(new)
        let x = tokens(a), y = tokens(b)
        var prefix = 0
        while prefix < x.count, prefix < y.count, equal(a, x[prefix], b, y[prefix]) { prefix += 1 }
        var suffix = 0
        while suffix < x.count - prefix, suffix < y.count - prefix,
            equal(a, x[x.count - 1 - suffix], b, y[y.count - 1 - suffix])
        {
            suffix += 1
        }
        var keptX = [Bool](repeating: true, count: x.count), keptY = [Bool](repeating: true, count: y.count)
        let middleX = prefix..<(x.count - suffix), middleY = prefix..<(y.count - suffix)
        for i in middleX { keptX[i] = false }
        for j in middleY { keptY[j] = false }
        if middleX.count * middleY.count <= maxCells {
            for (i, j) in commonSubsequence(a, x[middleX], b, y[middleY]) {
                keptX[i] = true
                keptY[j] = true
            }
        }
        let shared = zip(x.indices, keptX).reduce(0) { $0 + ($1.1 ? x[$1.0].count : 0) }
        guard Double(shared) >= minShared * Double(max(a.count, b.count)) else { return nil }
        return (spans(x, keptX, a), spans(y, keptY, b))
    }

    // MARK: - tokens

    /// Words (letters, digits, `_` and any non-ASCII byte), runs of blanks, and single
    /// other bytes.
    static func tokens(_ bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = [], i = 0
        while i < bytes.count {
            let start = i
            let kind = Self.kind(bytes[i])
            i += 1
            if kind != 2 { while i < bytes.count, Self.kind(bytes[i]) == kind { i += 1 } }
            result.append(start..<i)
        }
        return result
    }

    /// 0 a word byte, 1 a blank, 2 anything else.
    private static func kind(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), 0x80...:
            return 0
        case UInt8(ascii: " "), UInt8(ascii: "\t"): return 1
        default: return 2
        }
    }

    private static func equal(_ a: [UInt8], _ x: Range<Int>, _ b: [UInt8], _ y: Range<Int>) -> Bool {
        x.count == y.count && a[x].elementsEqual(b[y])
    }

    /// Index pairs of a longest common subsequence of two token slices.
    private static func commonSubsequence(_ a: [UInt8], _ x: ArraySlice<Range<Int>>, _ b: [UInt8], _ y: ArraySlice<Range<Int>>) -> [(Int, Int)] {
        let n = x.count, m = y.count
        guard n > 0, m > 0 else { return [] }
        // lengths[i][j]: the LCS of x[i...] and y[j...], row-major in one array.
        var lengths = [UInt16](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i * (m + 1) + j] = equal(a, x[x.startIndex + i], b, y[y.startIndex + j])
                    ? lengths[(i + 1) * (m + 1) + j + 1] + 1
                    : max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1])
            }
        }
        var pairs: [(Int, Int)] = [], i = 0, j = 0
        while i < n, j < m {
            if equal(a, x[x.startIndex + i], b, y[y.startIndex + j]) {
                pairs.append((x.startIndex + i, y.startIndex + j))
                i += 1
                j += 1
            } else if lengths[(i + 1) * (m + 1) + j] >= lengths[i * (m + 1) + j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return pairs
    }

    /// The changed tokens as byte ranges; changed tokens with only blanks between them
    /// make one span.
    private static func spans(_ tokens: [Range<Int>], _ kept: [Bool], _ bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for (i, token) in tokens.enumerated() where !kept[i] {
            if let last = result.last, onlyBlanks(tokens[..<i], after: last.upperBound, bytes) {
                result[result.count - 1] = last.lowerBound..<token.upperBound
            } else {
                result.append(token)
            }
        }
        return result
    }

    /// Whether the tokens at or after `offset` are all blanks.
    private static func onlyBlanks(_ tokens: ArraySlice<Range<Int>>, after offset: Int, _ bytes: [UInt8]) -> Bool {
        for token in tokens.reversed() {
            if token.lowerBound < offset { return true }
            if kind(bytes[token.lowerBound]) != 1 { return false }
        }
        return true
    }
}
