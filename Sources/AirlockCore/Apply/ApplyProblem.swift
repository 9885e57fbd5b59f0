/// One reason a patch cannot be applied, phrased for the reviewer: it names the path
/// and the rule (`` `a/../x`: `..` component is not allowed ``).
public struct ApplyProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path the problem is about, as the patch names it; nil for whole-patch problems.
    public var path: String?
    /// 1-based number of the hunk within its file entry, when one hunk is at fault.
    public var hunk: Int?
    /// The full message, path included, with control characters escaped.
    public var message: String

    public init(path: String?, hunk: Int? = nil, _ message: String) {
        self.path = path
        self.hunk = hunk
        self.message = message
    }

    public var description: String { message }
}

/// Every problem found while validating a patch; nothing was written.
public struct ApplyRefusal: Error, Sendable, CustomStringConvertible {
    public var problems: [ApplyProblem]

    public init(problems: [ApplyProblem]) {
        self.problems = problems
    }

    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "patch refused (\(count)):\n" + problems.map { "  - \($0.message)" }.joined(separator: "\n")
    }
}
