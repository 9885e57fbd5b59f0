#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// One scratch copy of the workspace, held by this runner until released (or freed).
public final class ScratchSlot: Sendable {
    public let pool: ScratchPool
    public let index: Int
    /// The slot's directory: where the copy is and where commands run.
    public var directory: URL { URL(fileURLWithPath: pool.slotPath(index)) }

    private let lock: Mutex<Int32?>
    private let cost = Mutex(ScratchCost())

    init(pool: ScratchPool, index: Int, lock: Int32) {
        self.pool = pool
        self.index = index
        self.lock = Mutex(lock)
    }

    deinit { release() }

    /// Lets another runner have the slot. Safe to call more than once.
    public func release() {
        lock.withLock { descriptor in
            if let open = descriptor { close(open) }
            descriptor = nil
        }
    }

    /// What the last `prepare` cost.
    public var lastCost: ScratchCost { cost.withLock { $0 } }

    /// Makes the slot hold exactly what the workspace holds now, then applies `patch` to
    /// it with the core's applier; returns the slot's directory. Only files that changed
    /// on either side since the last preparation are copied; anything in the slot that
    /// the workspace does not have is removed. Nothing is written to the workspace.
    /// Throws `ApplyRefusal` when the patch does not apply to what the workspace holds.
    @discardableResult
    public func prepare(patch: Patch) throws -> URL {
        try synchronize()
        let applier = Applier(workspace: pool.slotPath(index), journalDirectory: pool.journalPath(index), options: pool.applyOptions)
        try applier.apply(patch)
        return directory
    }

    // MARK: - the copy

    /// Brings the slot to the workspace's current files.
    func synchronize() throws {
        let started = FileClock.now()
        // An application this slot was in the middle of: its leftovers in the slot are
        // removed below like anything else the workspace lacks.
        try? FileManager.default.removeItem(atPath: pool.journalPath(index))
        let previous = ScratchManifest.read(pool.manifestPath(index))
        let paths = try WorkspaceListing.paths(of: pool.workspace, git: pool.git, runner: pool.runner)
        let workspace = open(pool.workspace, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard workspace >= 0 else { throw ScratchError.fileSystem(call: "open", path: pool.workspace, errno: errno) }
        defer { close(workspace) }
        var wanted: [(path: String, stamp: FileStamp)] = []
        wanted.reserveCapacity(paths.count)
        for path in paths {
            guard let stamp = FileStamp.of(path, in: workspace), stamp.isRegularFile || stamp.isSymlink else { continue }
            wanted.append((path, stamp))
        }
        let tree = try ScratchTree(opening: pool.slotPath(index))
        let (held, directories) = try tree.contents()
        try removeUnwanted(from: tree, held: held, directories: directories, wanted: wanted)
        var manifest = ScratchManifest()
        var newest: Int64 = 0
        for (path, stamp) in wanted {
            if let entry = previous.entries[path], entry.workspace == stamp, held[path] == entry.slot {
                manifest.entries[path] = entry
                continue
            }
            guard let copied = try tree.copy(path, from: workspace) else { continue }
            newest = max(newest, copied.slot.changed)
            // Changed within a tick of this preparation: a change in the same tick would
            // leave the same stamp, so it is copied again next time.
            let racy = max(copied.workspace.changed, copied.workspace.modified) >= started - FileClock.racyWindow
            if !racy { manifest.entries[path] = .init(workspace: copied.workspace, slot: copied.slot) }
        }
        var total = tree.cost
        total.listed = paths.count
        total.statted += wanted.count
        cost.withLock { $0 = total }
        try manifest.write(pool.manifestPath(index))
        Self.waitForClock(toPass: newest)
    }

    /// Removes files the workspace does not have (or has as a directory) and directories
    /// no wanted file is in.
    private func removeUnwanted(from tree: ScratchTree, held: [String: FileStamp], directories: Set<String>, wanted: [(path: String, stamp: FileStamp)]) throws {
        let files = Set(wanted.map(\.path))
        var parents: Set<String> = []
        for path in files {
            var current = Substring(path)
            while let slash = current.lastIndex(of: "/") {
                current = current[..<slash]
                guard parents.insert(String(current)).inserted else { break }
            }
        }
        for path in held.keys where !files.contains(path) { try tree.remove(path) }
        // Shortest first, so a removed directory takes what is under it with it.
        var removed: [String] = []
        for path in directories.subtracting(parents).sorted(by: { $0.count < $1.count }) {
            if removed.contains(where: { path.hasPrefix($0 + "/") }) { continue }
            try tree.remove(path)
            removed.append(path)
        }
    }

    /// Waits (at most 50 ms) until the file clock is past `changed`, so any later change
    /// to a copy gets a change time its manifest entry does not have.
    private static func waitForClock(toPass changed: Int64) {
        let deadline = ContinuousClock.now + .milliseconds(50)
        while FileClock.now() <= changed && ContinuousClock.now < deadline {
            usleep(1000)
        }
    }
}
