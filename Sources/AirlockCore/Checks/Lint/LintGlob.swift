/// A file-name pattern that limits a rule to some files: `*` matches within one path
/// component, `**/` any number of leading directories. A pattern without `/` is matched
/// against the file's last component (`*.py` matches `src/app/main.py`).
struct LintGlob: Sendable, Equatable {
    let pattern: String

    init(_ pattern: String) { self.pattern = pattern }

    func matches(_ path: String) -> Bool {
        if pattern.contains("/") {
            return Self.match(Array(pattern.utf8)[...], Array(path.utf8)[...], crossesSlash: pattern.hasPrefix("**/"))
        }
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        return Self.match(Array(pattern.utf8)[...], Array(name.utf8)[...], crossesSlash: false)
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
}
