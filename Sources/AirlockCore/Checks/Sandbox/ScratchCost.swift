/// What one preparation of a scratch slot cost: what it looked at and what it wrote.
public struct ScratchCost: Sendable, Equatable {
    /// Files the workspace listing named.
    public var listed = 0
    /// `lstat`s, on the workspace's side and the slot's.
    public var statted = 0
    /// Files and symlinks copied into the slot.
    public var copied = 0
    /// Of those, files cloned with a reflink (FICLONE) instead of copied byte by byte.
    public var reflinked = 0
    /// Entries removed from the slot: files the last patch or command left there, or
    /// whole directories.
    public var removed = 0
    public var bytesCopied: Int64 = 0

    public init() {}
}
