#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes patches into a workspace safely: everything is validated before the first
/// write, the files change all together or not at all (a journal makes a crash at any
/// point recoverable), and nothing is ever written outside the workspace, into `.git` or
/// Airlock's state, or through a symlink.
public struct Applier: Sendable {
    public let workspace: String
    public let journalDirectory: String
    public var options: ApplyOptions
    /// Fault injection: called with 1, 2, 3, … before each step that changes the disk
    /// (each half of a journal write, each directory, staged file, removal, prune and
    /// rename, the journal's deletion). If it throws, the application stops on the spot
    /// and rethrows that error without cleaning up, exactly as a crash there would leave
    /// things; a crash test may also kill the process from here.
    public var onStep: (@Sendable (Int) throws -> Void)?

    /// An applier for the workspace directory at `workspace`, keeping its journal in
    /// `journalDirectory` (created when a transaction starts, never by a refusal). The
    /// journal directory must be one a patch cannot write: outside the workspace, or under
    /// `.git/` or `.airlock/`.
    public init(workspace: String, journalDirectory: String, options: ApplyOptions = .init()) {
        self.workspace = workspace
        self.journalDirectory = journalDirectory
        self.options = options
    }

    /// Validates `patch` against the workspace exactly as `apply` would, and returns the
    /// report `apply` would return, without writing anything. Throws `ApplyRefusal` with
    /// every problem found, or `FileSystemError` when the workspace cannot be opened.
    public func check(_ patch: Patch) throws -> ApplyReport {
        let tree = try WorkspaceTree(opening: workspace)
        let problems = try preflightProblems(try JournalDirectory.open(journalDirectory, create: false))
        return try plan(patch, in: tree, known: problems, keepsContent: false).report
    }

    /// Applies `patch` atomically and returns what changed. Throws `ApplyRefusal` (with
    /// every problem, nothing written) when the patch does not fit the workspace, or an
    /// error from the file system (`FileSystemError`) after which the workspace holds the
    /// old tree, or the journal is left for `recover` (`pendingRecovery`).
    @discardableResult
    public func apply(_ patch: Patch) throws -> ApplyReport {
        let tree = try WorkspaceTree(opening: workspace)
        var lock = try JournalLock.take(journalDirectory)
        let plan = try plan(patch, in: tree, known: try preflightProblems(lock.journal), keepsContent: true)
        let journal = try lock.create()
        var steps = StepCounter(hook: onStep)
        try Transaction(tree: tree, journalDirectory: journal, plan: plan, durable: options.durable).run(steps: &steps)
        return plan.report
    }

    /// Finishes or undoes an application that a crash interrupted; the CLI calls it
    /// before any command that opens the workspace. Afterwards the workspace is exactly
    /// the old tree or exactly the new one. Returns nil when there was nothing to do;
    /// throws `JournalCorruption` or `FileSystemError` when it cannot proceed, leaving
    /// the journal in place.
    public static func recover(workspace: String, journalDirectory: String) throws -> RecoveryOutcome? {
        try Recovery.recover(workspace: workspace, journalDirectory: journalDirectory)
    }

    /// Recovery that replays only a journal whose every write and removal is one of
    /// `expectedTargets`: the files an apply recorded before it started.
    static func recover(workspace: String, journalDirectory: String, expectedTargets: Set<String>) throws -> RecoveryOutcome? {
        try Recovery.recover(workspace: workspace, journalDirectory: journalDirectory, expectedTargets: expectedTargets)
    }

    // MARK: - internals

    private func plan(_ patch: Patch, in tree: WorkspaceTree, known: [ApplyProblem], keepsContent: Bool) throws -> ApplyPlan {
        let plan: ApplyPlan
        do throws(ApplyRefusal) {
            plan = try ApplyPlanner(tree: tree, options: options, keepsContent: keepsContent).plan(patch)
        } catch {
            throw ApplyRefusal(problems: known + error.problems)
        }
        guard known.isEmpty else { throw ApplyRefusal(problems: known) }
        return plan
    }

    /// Problems that are not the patch's fault: an unfinished application, or a journal
    /// directory (existing or still to be made) that a patch could write to.
    private func preflightProblems(_ journal: JournalDirectory?) throws -> [ApplyProblem] {
        var problems: [ApplyProblem] = []
        if let pending = try journal?.read() {
            problems.append(ApplyProblem(path: nil, "an earlier application (transaction \(pending.transaction)) was interrupted; run recovery (Applier.recover) first"))
        }
        if let root = Self.realPath(workspace), let directory = Self.resolvedPath(journalDirectory) {
            let inside = directory == root || directory.hasPrefix(root == "/" ? "/" : root + "/")
            let relative = String(directory.dropFirst(root == "/" ? 1 : root.count + 1))
            if inside && (relative.isEmpty || (try? PathPolicy.check(relative)) != nil) {
                problems.append(ApplyProblem(path: nil, "the journal directory \(Quoted.name(journalDirectory)) is inside the workspace where a patch could write; put it under `.git/` or `.airlock/`"))
            }
        }
        return problems
    }

    /// The real path of `path`, or of its nearest existing ancestor followed by the rest.
    private static func resolvedPath(_ path: String) -> String? {
        if let real = realPath(path) { return real }
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return nil }
        let name = path[path.index(after: slash)...]
        guard !name.isEmpty, name != ".", name != "..", let parent = resolvedPath(String(path[..<slash])) else { return nil }
        return (parent == "/" ? "" : parent) + "/" + name
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
