#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The scratch copies of one workspace, where proposals' checks run: numbered slots under
/// `<git common dir>/airlock/scratch/`, or `<workspace>/.airlock/scratch/` when the
/// workspace is not in a git repository. A slot is reused from proposal to proposal (only
/// what changed is copied again) and held with an flock, so two runners, in one process
/// or two, never share one.
public struct ScratchPool: Sendable {
    /// The workspace's directory, standardized.
    public let workspace: String
    /// Where the slots are.
    public let directory: String
    /// The workspace's repository, when it is in one.
    public let git: GitLocation?
    /// How many slots runners may use at once.
    public var slotLimit: Int
    /// How the proposal's patch is applied to a slot.
    public var applyOptions: ApplyOptions
    let runner: ProcessRunner

    public init(
        workspace: String, runner: ProcessRunner = SystemProcessRunner(),
        applyOptions: ApplyOptions = ApplyOptions(reportsDigests: false), slotLimit: Int = 4
    ) {
        let workspace = URL(fileURLWithPath: workspace).standardizedFileURL.path
        self.workspace = workspace
        self.runner = runner
        self.applyOptions = applyOptions
        self.slotLimit = max(1, slotLimit)
        let git = GitLocation.locate(workspace: workspace, runner: runner)
        self.git = git
        directory = git.map { $0.commonDirectory + "/airlock/scratch" }
            ?? workspace + "/" + ManagedWorkspace.stateDirectoryName + "/scratch"
    }

    /// What a sandbox must hide from a command run in one of these slots: the workspace,
    /// its repository's work tree and git directories, and, for a linked worktree, the
    /// main work tree. Outermost first; none inside another.
    public var hiddenPaths: [String] {
        var paths = [workspace]
        if let git {
            paths += [git.topLevel, git.gitDirectory, git.commonDirectory]
            if git.commonDirectory.hasSuffix("/.git") { paths.append(String(git.commonDirectory.dropLast(5))) }
        }
        let unique = Set(paths.filter { !$0.isEmpty && $0 != "/" })
        return unique.filter { path in !unique.contains { $0 != path && path.hasPrefix($0 + "/") } }.sorted()
    }

    /// A free slot, held until it is released. With `wait`, blocks until one is free when
    /// all `slotLimit` are held; without, throws `ScratchError.allSlotsBusy`.
    public func acquire(wait: Bool = true) throws -> ScratchSlot {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for index in 0..<slotLimit {
            let lock = try openLock(index)
            if flock(lock, LOCK_EX | LOCK_NB) == 0 { return ScratchSlot(pool: self, index: index, lock: lock) }
            close(lock)
        }
        guard wait else { throw ScratchError.allSlotsBusy(slotLimit) }
        let index = Int(getpid()) % slotLimit
        let lock = try openLock(index)
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let code = errno
                close(lock)
                throw ScratchError.fileSystem(call: "flock", path: lockPath(index), errno: code)
            }
        }
        return ScratchSlot(pool: self, index: index, lock: lock)
    }

    func slotPath(_ index: Int) -> String { directory + "/\(index)" }
    func lockPath(_ index: Int) -> String { directory + "/\(index).lock" }
    func manifestPath(_ index: Int) -> String { directory + "/\(index).manifest" }
    func journalPath(_ index: Int) -> String { directory + "/\(index).journal" }

    private func openLock(_ index: Int) throws(ScratchError) -> Int32 {
        let descriptor = open(lockPath(index), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw .fileSystem(call: "open", path: lockPath(index), errno: errno) }
        return descriptor
    }
}
