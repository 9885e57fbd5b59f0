/// A file-name pattern that limits a rule to some files: `*` matches within one path
/// component, `**/` any number of leading directories. A pattern without `/` is matched
/// against the file's last component (`*.py` matches `src/app/main.py`).
struct LintGlob: Sendable, Equatable {
    let pattern: String
    private let bytes: [UInt8]
    private let hasSlash: Bool
    private let crossesSlash: Bool
    /// `*.ext`: the name ends with `.ext` (the common case, checked without matching).
    private let suffix: [UInt8]?
    /// No wildcard at all: the name (or path) is the pattern.
    private let isLiteral: Bool

    init(_ pattern: String) {
        self.pattern = pattern
        bytes = Array(pattern.utf8)
        hasSlash = bytes.contains(UInt8(ascii: "/"))
        crossesSlash = pattern.hasPrefix("**/")
        let wildcards = bytes.filter { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }.count
        isLiteral = wildcards == 0
        suffix = !hasSlash && wildcards == 1 && bytes.first == UInt8(ascii: "*") ? Array(bytes.dropFirst()) : nil
    }

    func matches(_ path: String) -> Bool {
        matches(path: Array(path.utf8))
    }

    /// As `matches(_:)`, for a path already in UTF-8.
    func matches(path: [UInt8]) -> Bool {
        if hasSlash {
            if isLiteral { return path == bytes }
            return Self.match(bytes[...], path[...], crossesSlash: crossesSlash)
        }
        let name = path.lastIndex(of: UInt8(ascii: "/")).map { path[($0 + 1)...] } ?? path[...]
        if isLiteral { return name.elementsEqual(bytes) }
        if let suffix { return name.count >= suffix.count && name.suffix(suffix.count).elementsEqual(suffix) }
        return Self.match(bytes[...], name, crossesSlash: false)
    }

    /// Iterative wildcard matching (no backtracking blow-up): remembers the last `*`,
    /// which never consumes a `/`.
    private static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>, crossesSlash: Bool) -> Bool {
        if crossesSlash {
            // `**/x` matches `x` at any depth: try every component start.
            let rest = pattern.dropFirst(3)
            var starts = [text.startIndex]
            for i in text.indices where text[i] == UInt8(ascii: "/") { starts.append(i + 1) }
            return starts.contains { match(rest, text[$0...], crossesSlash: false) }
        }
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0
        var star: Int?, resume = 0
        while ti < t.count {
            if pi < p.count, p[pi] == UInt8(ascii: "*") {
                star = pi
                resume = ti
                pi += 1
            } else if pi < p.count, p[pi] == t[ti] || p[pi] == UInt8(ascii: "?") {
                pi += 1
                ti += 1
            } else if let star, t[resume] != UInt8(ascii: "/") {
                pi = star + 1
                resume += 1
                ti = resume
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }

    static func == (a: LintGlob, b: LintGlob) -> Bool { a.pattern == b.pattern }
}
