/// Turns a glob's text into segments, or says what is wrong with it and where.
struct PathGlobCompiler {
    private typealias Segment = PathGlob.Segment
    private typealias Token = PathGlob.Token

    private let pattern: String
    private let scalars: [UInt32]

    init(_ pattern: String) {
        self.pattern = pattern
        self.scalars = pattern.unicodeScalars.map(\.value)
    }

    func compile() throws(PathGlobError) -> [PathGlob.Segment] {
        guard !scalars.isEmpty else { throw failure("the pattern is empty") }
        if scalars[0] == Self.bang {
            throw failure("negation (a leading `!`) is not supported; write `\\!` for a file name that starts with `!`")
        }
        var start = 0, end = scalars.count
        let rooted = scalars[0] == Self.slash
        if rooted { start += 1 }
        let directory = end > start && scalars[end - 1] == Self.slash && !isEscaped(end - 1)
        if directory { end -= 1 }
        guard start < end else { throw failure("a pattern needs a name, not only `/`") }

        var segments: [Segment] = []
        var componentStart = start
        var hasInnerSlash = false
        for index in start...end where index == end || scalars[index] == Self.slash {
            if index < end { hasInnerSlash = true }
            try segments.append(segment(componentStart..<index))
            componentStart = index + 1
        }
        if !rooted && !hasInnerSlash { segments.insert(.anyComponents, at: 0) }
        if directory { segments.append(.anyComponents) }
        return collapsed(segments)
    }

    // MARK: - Components

    private func segment(_ range: Range<Int>) throws(PathGlobError) -> Segment {
        let column = range.lowerBound + 1
        guard !range.isEmpty else { throw failure("empty path component (`//`) at column \(column)") }
        let text = scalars[range]
        if text.elementsEqual([Self.star, Self.star]) { return .anyComponents }
        if text.elementsEqual([Self.dot]) || text.elementsEqual([Self.dot, Self.dot]) {
            throw failure("`.` and `..` components at column \(column) never match a workspace path")
        }
        return .component(try tokens(range))
    }

    private func tokens(_ range: Range<Int>) throws(PathGlobError) -> [Token] {
        var tokens: [Token] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let scalar = scalars[index]
            switch scalar {
            case Self.backslash:
                guard index + 1 < range.upperBound else {
                    throw failure("`\\` at column \(index + 1) escapes nothing")
                }
                tokens.append(.scalar(scalars[index + 1]))
                index += 2
            case Self.star:
                if tokens.last != .anyRun { tokens.append(.anyRun) }
                index += 1
            case Self.question:
                tokens.append(.anyCharacter)
                index += 1
            case Self.open:
                let (characterClass, next) = try characterClass(openingAt: index, before: range.upperBound)
                tokens.append(.characterClass(characterClass))
                index = next
            default:
                tokens.append(.scalar(scalar))
                index += 1
            }
        }
        return tokens
    }

    /// `[…]` starting at `open`: the class and the index after its `]`.
    private func characterClass(openingAt open: Int, before end: Int) throws(PathGlobError) -> (PathGlob.CharacterClass, Int) {
        var index = open + 1
        let negated = index < end && (scalars[index] == Self.bang || scalars[index] == Self.caret)
        if negated { index += 1 }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while index < end {
            if scalars[index] == Self.close && !first {
                return (PathGlob.CharacterClass(negated: negated, ranges: ranges), index + 1)
            }
            first = false
            guard let (low, afterLow) = classMember(at: index, before: end) else { break }
            index = afterLow
            if index + 1 < end, scalars[index] == Self.dash, scalars[index + 1] != Self.close {
                guard let (high, afterHigh) = classMember(at: index + 1, before: end) else { break }
                guard low <= high else {
                    throw failure("the range `\(Self.text(low))-\(Self.text(high))` at column \(index) is reversed")
                }
                ranges.append(low...high)
                index = afterHigh
            } else {
                ranges.append(low...low)
            }
        }
        let closingHint = end < scalars.count ? " in its component" : ""
        throw failure("`[` at column \(open + 1) is never closed\(closingHint) (write `\\[` for a literal `[`)")
    }

    /// One character of a class, unescaping `\`; nil when the pattern ends first.
    private func classMember(at index: Int, before end: Int) -> (UInt32, Int)? {
        guard index < end else { return nil }
        if scalars[index] == Self.backslash {
            return index + 1 < end ? (scalars[index + 1], index + 2) : nil
        }
        return (scalars[index], index + 1)
    }

    // MARK: - Helpers

    /// Consecutive `**` mean the same as one.
    private func collapsed(_ segments: [Segment]) -> [Segment] {
        var out: [Segment] = []
        for segment in segments where !(segment == .anyComponents && out.last == .anyComponents) {
            out.append(segment)
        }
        return out
    }

    /// Whether an odd run of backslashes precedes `index`.
    private func isEscaped(_ index: Int) -> Bool {
        var count = 0, i = index - 1
        while i >= 0, scalars[i] == Self.backslash { count += 1; i -= 1 }
        return count % 2 == 1
    }

    private func failure(_ reason: String) -> PathGlobError {
        PathGlobError(pattern: pattern, reason: reason)
    }

    private static func text(_ value: UInt32) -> String {
        Unicode.Scalar(value).map { VisibleText.escape(String($0)) } ?? "?"
    }

    private static let slash = UInt32(UInt8(ascii: "/"))
    private static let backslash = UInt32(UInt8(ascii: "\\"))
    private static let star = UInt32(UInt8(ascii: "*"))
    private static let question = UInt32(UInt8(ascii: "?"))
    private static let open = UInt32(UInt8(ascii: "["))
    private static let close = UInt32(UInt8(ascii: "]"))
    private static let bang = UInt32(UInt8(ascii: "!"))
    private static let caret = UInt32(UInt8(ascii: "^"))
    private static let dash = UInt32(UInt8(ascii: "-"))
    private static let dot = UInt32(UInt8(ascii: "."))
}
