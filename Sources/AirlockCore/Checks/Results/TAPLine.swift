/// One line of a TAP stream, with its indentation taken off.
enum TAPLine: Equatable {
    case version(Int)
    case plan(count: Int, skip: String?)
    case test(TAPTestPoint)
    case bailOut(String)
    case subtest(name: String)
    case yamlStart
    case yamlEnd
    /// Anything else: a comment or what the tests printed.
    case other

    init(_ text: Substring) {
        if text.hasPrefix("TAP version "), let version = Int(text.dropFirst(12).trimmingSpaces()) {
            self = .version(version)
        } else if text.hasPrefix("ok") || text.hasPrefix("not ok") {
            self = TAPTestPoint(text).map(TAPLine.test) ?? .other
        } else if text.hasPrefix("1..") {
            self = Self.plan(text) ?? .other
        } else if text.hasPrefix("Bail out!") {
            self = .bailOut(String(text.dropFirst(9).trimmingSpaces()))
        } else if text.hasPrefix("# Subtest") {
            let name = text.dropFirst(9).drop { $0 == ":" }.trimmingSpaces()
            self = .subtest(name: String(name))
        } else if text.trimmingSpaces() == "---" {
            self = .yamlStart
        } else if text.trimmingSpaces() == "..." {
            self = .yamlEnd
        } else {
            self = .other
        }
    }

    /// `1..N`, optionally `# SKIP reason` (only meaningful with `1..0`).
    private static func plan(_ text: Substring) -> TAPLine? {
        let rest = text.dropFirst(3)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count < 10, let count = Int(digits) else { return nil }
        let after = rest.dropFirst(digits.count).trimmingSpaces()
        guard after.isEmpty || after.hasPrefix("#") else { return nil }
        let comment = after.dropFirst().trimmingSpaces()
        let skip = comment.lowercased().hasPrefix("skip") ? String(comment.dropFirst(4).trimmingSpaces()) : nil
        return .plan(count: count, skip: skip)
    }
}

/// `ok 3 - description # SKIP reason` and its kin.
struct TAPTestPoint: Equatable {
    enum Directive: Equatable {
        case skip(String)
        case todo(String)
    }

    var passed: Bool
    var number: Int?
    var description: String
    var directive: Directive?

    init?(_ text: Substring) {
        var rest: Substring
        if text.hasPrefix("not ok") {
            passed = false
            rest = text.dropFirst(6)
        } else {
            passed = true
            rest = text.dropFirst(2)
        }
        // `okay` or `ok3` is not a test point.
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        rest = rest.trimmingSpaces()
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        number = digits.isEmpty || digits.count > 9 ? nil : Int(digits)
        if number != nil { rest = rest.dropFirst(digits.count).trimmingSpaces() }
        if rest.hasPrefix("-") { rest = rest.dropFirst().trimmingSpaces() }

        // The description ends at the first `#` not escaped as `\#`.
        var described = ""
        var directiveText: Substring?
        var index = rest.startIndex
        while index < rest.endIndex {
            let character = rest[index]
            let next = rest.index(after: index)
            if character == "\\", next < rest.endIndex, rest[next] == "#" || rest[next] == "\\" {
                described.append(rest[next])
                index = rest.index(after: next)
            } else if character == "#" {
                directiveText = rest[next...].trimmingSpaces()
                break
            } else {
                described.append(character)
                index = next
            }
        }
        description = String(described.trimmingSpaces())
        directive = directiveText.flatMap(Self.directive)
    }

    private static func directive(_ text: Substring) -> Directive? {
        let word = text.prefix { !$0.isWhitespace }.uppercased()
        let reason = String(text.drop { !$0.isWhitespace }.trimmingSpaces())
        if word.hasPrefix("SKIP") { return .skip(reason) }
        if word.hasPrefix("TODO") { return .todo(reason) }
        return nil
    }
}

fileprivate extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> SubSequence {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = self[start...].lastIndex { $0 != " " && $0 != "\t" }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
