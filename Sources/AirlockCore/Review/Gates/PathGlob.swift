/// A compiled glob for workspace-relative paths (`src/app.swift`: forward slashes, no
/// leading slash), with gitignore's rules:
///
/// - a pattern without a slash (a trailing one aside) matches the name at any depth:
///   `*.lock` matches `Cargo.lock` and `a/b/yarn.lock`;
/// - a pattern with a slash, or with a leading `/`, is anchored at the workspace root:
///   `.github/workflows/**`, `/Makefile`;
/// - a trailing `/` matches a directory's own path and everything under it (`secrets/`);
///   the path alone cannot tell a file from a directory, so a file named `secrets` matches
///   too, which errs towards protecting;
/// - `**` as a whole component matches zero or more components (`**/foo`, `a/**/b`, `a/**`);
///   elsewhere it is an ordinary `*`;
/// - `*` matches any run of characters and `?` one character, never a `/`;
/// - `[abc]`, `[a-z]`, `[!x]` (or `[^x]`) match one character; `\` escapes the next one.
///
/// Matching compares code points exactly, which is comparing UTF-8 bytes (no Unicode
/// normalisation, no case folding), except that `?` and a class take one whole character
/// rather than one byte. It takes time proportional to the pattern's length times the
/// path's at worst: no backtracking blows up, whatever the pattern.
public struct PathGlob: Hashable, Sendable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    let segments: [Segment]

    public init(_ pattern: String) throws(PathGlobError) {
        self.pattern = pattern
        self.segments = try PathGlobCompiler(pattern).compile()
    }

    public var description: String { pattern }

    public func matches(_ path: String) -> Bool {
        let components = path.unicodeScalars.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.map(\.value) }
        return Self.match(segments, components)
    }

    public static func == (lhs: PathGlob, rhs: PathGlob) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    // MARK: - Matching

    /// Segments against path components: `**` is a star over whole components. Greedy with
    /// a single resume point (the last `**` seen) is exact for a star that matches any run
    /// of elements, and visits each (segment, component) pair a bounded number of times.
    private static func match(_ segments: [Segment], _ components: [[UInt32]]) -> Bool {
        var s = 0, c = 0
        var resume: (segment: Int, component: Int)?
        while c < components.count {
            if s < segments.count {
                switch segments[s] {
                case .anyComponents:
                    resume = (s + 1, c)
                    s += 1
                    continue
                case .component(let tokens) where ComponentMatcher.matches(tokens, components[c]):
                    s += 1
                    c += 1
                    continue
                case .component:
                    break
                }
            }
            guard let last = resume else { return false }
            // Let the last `**` take one more component and try again after it.
            resume = (last.segment, last.component + 1)
            s = last.segment
            c = last.component + 1
        }
        while s < segments.count, segments[s] == .anyComponents { s += 1 }
        return s == segments.count
    }
}

/// Why a glob could not be compiled: `glob "src/[ab": "[" at column 5 is never closed`.
public struct PathGlobError: Error, Equatable, Sendable, CustomStringConvertible {
    public var pattern: String
    public var reason: String

    public init(pattern: String, reason: String) {
        self.pattern = pattern
        self.reason = reason
    }

    public var description: String {
        "glob \"\(VisibleText.escape(pattern))\": \(reason)"
    }
}

// MARK: - Compiled form

extension PathGlob {
    enum Segment: Hashable, Sendable {
        /// `**`: zero or more whole components.
        case anyComponents
        /// One component, matched token by token.
        case component([Token])
    }

    enum Token: Hashable, Sendable {
        /// One character, compared by code point.
        case scalar(UInt32)
        /// `?`: one character.
        case anyCharacter
        /// `*`: any run of characters within the component.
        case anyRun
        case characterClass(CharacterClass)
    }

    struct CharacterClass: Hashable, Sendable {
        var negated: Bool
        var ranges: [ClosedRange<UInt32>]

        func contains(_ scalar: UInt32) -> Bool {
            ranges.contains { $0.contains(scalar) } != negated
        }
    }
}
