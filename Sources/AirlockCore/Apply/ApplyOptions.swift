/// What the applier accepts beyond its safe defaults, and how hard it syncs.
public struct ApplyOptions: Sendable {
    /// Accept mode 120000 entries (symlinks): create, change, rename or delete a link
    /// whose target is the entry's content. Off by default: such entries are refused.
    /// Even when on, nothing is ever written or read *through* a symlink.
    public var allowSymlinks: Bool
    /// Accept mode 160000 entries (submodule commits). They are checked and reported but
    /// never written: a submodule's checkout belongs to git. Off by default.
    public var allowGitlinks: Bool
    /// Largest file the applier reads or writes, in bytes (default 64 MiB).
    public var maxFileBytes: Int
    /// Largest total of new contents one patch may write, in bytes (default 1 GiB).
    public var maxTotalBytes: Int
    /// Also `fsync` staged files and directories and `syncfs` the workspace before the
    /// commit point and before the journal is deleted, so a power loss cannot leave a
    /// committed journal pointing at lost data. Off by default: the journal itself is
    /// always synced, and process crashes (even SIGKILL) are survived without this
    /// because the page cache outlives the process.
    public var durable: Bool
    /// Compute the SHA-256 of every old and new file for the report
    /// (`AppliedFile.oldSHA256`/`newSHA256`). On by default; off leaves them nil and
    /// spares hashing every byte read and written, for callers that do not show them
    /// (the CLI without `--json`). Nothing is checked against these digests.
    public var reportsDigests: Bool

    public init(
        allowSymlinks: Bool = false,
        allowGitlinks: Bool = false,
        maxFileBytes: Int = 64 << 20,
        maxTotalBytes: Int = 1 << 30,
        durable: Bool = false,
        reportsDigests: Bool = true
    ) {
        self.allowSymlinks = allowSymlinks
        self.allowGitlinks = allowGitlinks
        self.maxFileBytes = maxFileBytes
        self.maxTotalBytes = maxTotalBytes
        self.durable = durable
        self.reportsDigests = reportsDigests
    }
}
