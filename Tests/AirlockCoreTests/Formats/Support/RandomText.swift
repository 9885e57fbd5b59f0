/// Random file contents that stress a line diff: tiny alphabets (many equal lines), blank
/// lines, CRLF, missing final newlines, and realistic edits of a base file.
struct RandomText {
    var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(state: seed) }

    /// A file from a pool of `alphabet` distinct lines.
    mutating func file(lines count: Int, alphabet: Int, crlf: Bool = false, finalNewline: Bool = true) -> [[UInt8]] {
        (0..<count).map { _ in
            let n = Int.random(in: 0..<alphabet, using: &random)
            let text = n == 0 ? "" : "line \(n)"
            return Array(text.utf8) + (crlf ? [13, 10] : [10])
        }
        .enumerated().map { i, line in
            i == count - 1 && !finalNewline ? Array(line.prefix(while: { $0 != 13 && $0 != 10 })) : line
        }
    }

    /// Source-like lines: indentation, braces and blank lines repeat, names rarely do.
    mutating func codeLine() -> [UInt8] {
        let shapes = ["}", "", "    return x", "func f\(Int.random(in: 0..<40, using: &random))() {",
                      "    let v\(Int.random(in: 0..<40, using: &random)) = \(Int.random(in: 0..<9, using: &random))",
                      "    if a {", "    }", "// note \(Int.random(in: 0..<30, using: &random))"]
        return Array(shapes[Int.random(in: 0..<shapes.count, using: &random)].utf8) + [10]
    }

    /// `base` with a few random block edits (insertions, deletions, replacements, moves of
    /// the final newline).
    mutating func edited(_ base: [[UInt8]], edits: Int, makeLine: (inout RandomText) -> [UInt8]) -> [[UInt8]] {
        var lines = base
        for _ in 0..<edits {
            let at = Int.random(in: 0...lines.count, using: &random)
            let removeCount = min(Int.random(in: 0...3, using: &random), lines.count - at)
            let addCount = Int.random(in: 0...3, using: &random)
            var added: [[UInt8]] = []
            for _ in 0..<addCount { added.append(makeLine(&self)) }
            lines.replaceSubrange(at..<(at + removeCount), with: added)
        }
        if Int.random(in: 0..<6, using: &random) == 0, let last = lines.indices.last {
            if lines[last].last == 10 { lines[last].removeLast() } else { lines[last].append(10) }
        }
        // Only the last line may lack its newline.
        for i in lines.indices.dropLast() where lines[i].last != 10 { lines[i].append(10) }
        return lines
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func bool() -> Bool { Bool.random(using: &random) }
}

extension Array where Element == [UInt8] {
    var joinedBytes: [UInt8] { flatMap { $0 } }
}
