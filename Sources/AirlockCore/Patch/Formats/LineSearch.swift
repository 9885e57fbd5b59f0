/// Finding a run of lines among a file's lines in time linear in both (Knuth–Morris–Pratt
/// over line identities): a chunk of a thousand identical lines against a file of a
/// million of them costs one pass, not a thousand comparisons per position.
enum LineSearch {
    /// The first index at or after `from` where `pattern` occurs in `lines` as a run of
    /// equal elements; nil when there is none. An empty pattern occurs at `from`.
    static func first<Line: Hashable>(of pattern: [Line], in lines: [Line], from: Int = 0) -> Int? {
        guard !pattern.isEmpty else { return from <= lines.count ? from : nil }
        guard from >= 0, lines.count - from >= pattern.count else { return nil }
        // Each distinct pattern line gets a number; a file line that is no pattern line
        // gets -1 and matches nothing. Each line is hashed once.
        var numbers: [Line: Int32] = [:]
        let wanted = pattern.map { line in
            if let known = numbers[line] { return known }
            let number = Int32(numbers.count)
            numbers[line] = number
            return number
        }
        let borders = ByteSearch.borders(of: wanted)
        var matched = 0
        for index in from..<lines.count {
            let number = numbers[lines[index]] ?? -1
            while matched > 0 && wanted[matched] != number { matched = Int(borders[matched - 1]) }
            if wanted[matched] == number { matched += 1 }
            if matched == wanted.count { return index + 1 - wanted.count }
        }
        return nil
    }
}
