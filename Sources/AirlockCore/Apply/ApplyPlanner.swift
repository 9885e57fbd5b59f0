#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Dispatch
import Foundation

/// Turns a patch into an `ApplyPlan` by reading the workspace, without writing anything.
/// Every problem is collected, not just the first, so the reviewer sees them all at once.
///
/// Copy and rename sources, like every other entry, read the workspace as it was before
/// the patch (git's rule: "git patches do not depend on the order"). A path may be
/// written by one entry only and removed by one entry only; writing a path that another
/// entry removes replaces it (git's delete-then-create for a type change).
struct ApplyPlanner {
    let tree: WorkspaceTree
    let options: ApplyOptions
    /// Whether the plan keeps every new content for a transaction to write; a dry run
    /// (`check`) only needs their sizes and digests.
    let keepsContent: Bool
    private let directories: DirectoryCache

    init(tree: WorkspaceTree, options: ApplyOptions, keepsContent: Bool = true) {
        self.tree = tree
        self.options = options
        self.keepsContent = keepsContent
        directories = DirectoryCache(tree)
    }

    func plan(_ patch: Patch) throws(ApplyRefusal) -> ApplyPlan {
        var problems: [ApplyProblem] = []
        var entries: [PlannedEntry] = []
        for (index, file) in patch.files.enumerated() {
            let (entry, found) = PlannedEntry.make(number: index + 1, file: file, options: options)
            problems += found
            if let entry { entries.append(entry) }
        }
        problems += conflicts(among: entries)

        let removed = Set(entries.filter { $0.removesSource && !$0.isGitlink }.compactMap(\.source))
        let written = Set(entries.filter { !$0.isGitlink }.compactMap(\.target))
        var work = Work(removals: removed.subtracting(written))
        var files: [AppliedFile?] = Array(repeating: nil, count: patch.files.count)
        let prepared = prepareAll(entries)
        for (entry, result) in zip(entries, prepared) {
            do {
                files[entry.number - 1] = try resolve(entry, prepared: result.get(), removed: removed, into: &work)
            } catch {
                problems.append(error)
            }
        }

        for write in work.writes where write.size > options.maxFileBytes {
            problems.append(ApplyProblem(path: write.target.description, "\(Quoted.name(write.target.description)): new content is \(write.size) bytes, over the limit of \(options.maxFileBytes) bytes per file (ApplyOptions.maxFileBytes)"))
        }
        let total = work.writes.reduce(0) { $0 + $1.size }
        if total > options.maxTotalBytes {
            problems.append(ApplyProblem(path: nil, "the patch writes \(total) bytes in total, over the limit of \(options.maxTotalBytes) bytes (ApplyOptions.maxTotalBytes)"))
        }
        guard problems.isEmpty else { throw ApplyRefusal(problems: problems) }

        let prunes = work.prunes.union(work.removals.flatMap(\.ancestors))
        return ApplyPlan(
            report: ApplyReport(files: files.compactMap { $0 }),
            writes: work.writes,
            removals: work.removals.sorted(),
            stagingDirectories: work.stagingDirectories.sorted(by: Self.parentsFirst),
            commitDirectories: work.commitDirectories.sorted(by: Self.parentsFirst),
            prunes: prunes.sorted(by: Self.parentsFirst).reversed()
        )
    }

    /// What the entries resolved so far will do.
    private struct Work {
        var removals: Set<WorkspacePath>
        var writes: [ApplyPlan.Write] = []
        var stagingDirectories: Set<WorkspacePath> = []
        var commitDirectories: Set<WorkspacePath> = []
        var prunes: Set<WorkspacePath> = []
    }

    private static func parentsFirst(_ a: WorkspacePath, _ b: WorkspacePath) -> Bool {
        a.depth != b.depth ? a.depth < b.depth : a < b
    }

    // MARK: - entries against each other

    private func conflicts(among entries: [PlannedEntry]) -> [ApplyProblem] {
        var problems: [ApplyProblem] = []
        func twice(_ path: WorkspacePath, _ text: String) {
            problems.append(ApplyProblem(path: path.description, "\(Quoted.name(path.description)) \(text); a patch may touch each path only once"))
        }
        var writers: [WorkspacePath: PlannedEntry] = [:], removers: [WorkspacePath: PlannedEntry] = [:]
        for entry in entries {
            if let target = entry.target {
                if let other = writers[target] {
                    twice(target, "is written by \(other.summary) and again by \(entry.summary)")
                } else {
                    writers[target] = entry
                }
            }
            if entry.removesSource, let source = entry.source {
                if let other = removers[source] {
                    twice(source, "is removed by \(other.summary) and again by \(entry.summary)")
                } else {
                    removers[source] = entry
                }
            }
        }
        for entry in entries where entry.operation == .modify {
            if let path = entry.source, let remover = removers[path] {
                twice(path, "is modified by \(entry.summary) but removed by \(remover.summary)")
            }
        }
        // The new tree must be a tree: no path may be written inside a path that another
        // entry writes as a file, and nothing may be written through a symlink the patch
        // creates (git's "affected file is beyond a symbolic link"). Sources are read from
        // the old tree, so they may lie under such paths.
        for entry in entries {
            guard let target = entry.target else { continue }
            for ancestor in target.ancestors {
                guard let writer = writers[ancestor] else { continue }
                let path = Quoted.name(target.description), outer = Quoted.name(ancestor.description)
                if writer.newKind == .symlink {
                    problems.append(ApplyProblem(path: target.description, "\(path): \(outer) is a symlink created by this patch, by \(writer.summary); Airlock never writes through a symlink"))
                } else {
                    problems.append(ApplyProblem(path: target.description, "\(path) is written by \(entry.summary) inside \(outer), which \(writer.summary) writes as a file"))
                }
            }
        }
        return problems
    }

    // MARK: - one entry against the workspace

    /// What an entry reads and computes on its own: the old file's permissions, the
    /// patched content and their digests. Entries are independent here, so this runs on
    /// every core. Contents are released as soon as they are no longer needed: the old
    /// one at once, the new one unless the plan is to be carried out (or is a symlink's
    /// target, which is checked later).
    private struct Prepared {
        var oldPermissions: mode_t?
        var newContent: [UInt8] = []
        var newSize = 0
        var offsets: [Int] = []
        var oldSHA: String?
        var newSHA: String?
    }

    private func prepare(_ entry: PlannedEntry) throws(ApplyProblem) -> Prepared {
        guard !entry.isGitlink else { return Prepared() }
        var prepared = Prepared()
        let old = try entry.source.map { source throws(ApplyProblem) in try read(source, for: entry) }
        prepared.oldPermissions = old?.permissions
        let patched = try HunkApplication.apply(entry.file.hunks, to: old?.content ?? Bytes(), path: entry.file.path)
        prepared.newSize = patched.bytes.count
        prepared.offsets = patched.offsets
        if options.reportsDigests { prepared.oldSHA = old.map { Self.sha256($0.content) } }
        if entry.operation != .delete, entry.target != nil {
            if options.reportsDigests { prepared.newSHA = Self.sha256(patched.bytes) }
            if keepsContent || entry.newKind == .symlink { prepared.newContent = patched.bytes }
        }
        return prepared
    }

    private func prepareAll(_ entries: [PlannedEntry]) -> [Result<Prepared, ApplyProblem>] {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(entries.count / 8, 1))
        if workers <= 1 { return entries.map { entry in Result { () throws(ApplyProblem) in try prepare(entry) } } }
        let slots = PreparedSlots(count: entries.count)
        defer { slots.buffer.deallocate() }
        let shared = SharedPlanner(planner: self, entries: entries)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Each worker fills only its own slots; the tree's descriptors are only read.
            for index in stride(from: worker, to: shared.entries.count, by: workers) {
                let entry = shared.entries[index]
                slots.buffer[index] = Result { () throws(ApplyProblem) in try shared.planner.prepare(entry) }
            }
        }
        return slots.buffer.map { $0 ?? .failure(ApplyProblem(path: nil, "internal error: an entry was not prepared")) }
    }

    private struct PreparedSlots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Result<Prepared, ApplyProblem>?>
        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }
    }

    private struct SharedPlanner: @unchecked Sendable {
        let planner: ApplyPlanner
        let entries: [PlannedEntry]
    }

    private func resolve(_ entry: PlannedEntry, prepared: Prepared, removed: Set<WorkspacePath>, into work: inout Work) throws(ApplyProblem) -> AppliedFile {
        let file = entry.file
        guard !entry.isGitlink else {
            // Allowed by the options (or make() would have refused it): git leaves the
            // submodule's checkout alone, and so does Airlock.
            return AppliedFile(operation: file.operation, oldPath: file.oldPath, newPath: file.newPath, oldSHA256: nil, newSHA256: nil, offsets: [])
        }
        if entry.operation == .delete {
            guard prepared.newSize == 0 else {
                throw ApplyProblem(path: file.path, "cannot delete \(Quoted.name(file.path)): its content differs from what the patch deletes (\(prepared.newSize) bytes would remain)")
            }
        } else if let target = entry.target {
            let (stageDirectory, createsTarget) = try place(target, for: entry, removed: removed, into: &work)
            if entry.newKind == .symlink {
                try checkLinkTarget(prepared.newContent, path: target)
            }
            work.writes.append(ApplyPlan.Write(
                target: target, stageDirectory: stageDirectory, content: prepared.newContent, size: prepared.newSize,
                permissions: permissions(for: entry, old: prepared.oldPermissions), isSymlink: entry.newKind == .symlink,
                createsTarget: createsTarget
            ))
        }
        return AppliedFile(
            operation: file.operation, oldPath: file.oldPath, newPath: file.newPath,
            oldSHA256: prepared.oldSHA, newSHA256: entry.operation == .delete ? nil : prepared.newSHA, offsets: prepared.offsets
        )
    }

    private struct SourceFile {
        var content: Bytes
        var permissions: mode_t
    }

    /// The content of the file an entry reads, as the patch says it should be.
    private func read(_ path: WorkspacePath, for entry: PlannedEntry) throws(ApplyProblem) -> SourceFile {
        let name = Quoted.name(path.description)
        let verb = entry.operation.verb
        func refuse(_ text: String) -> ApplyProblem { ApplyProblem(path: path.description, text) }
        let status: EntryStatus
        // The file is then read from the directory this lookup reached.
        let (inspection, parent) = try io { try directories.inspectWithParent(path) }
        switch inspection {
        case .missing:
            throw refuse("cannot \(verb) \(name): no such file")
        case .blocked(let at, let kind):
            throw refuse(blockedMessage(path, at: at, kind: kind))
        case .found(let found):
            status = found
        }
        switch status.kind {
        case .directory:
            throw refuse("cannot \(verb) \(name): it is a directory, not a file")
        case .other(let kind):
            throw refuse("cannot \(verb) \(name): it is a \(kind), not a regular file")
        case .symlink where entry.oldKind == .symlink:
            return SourceFile(content: Bytes(try io { try (parent ?? directories.directory(path.parent)).readLink(path.name) }), permissions: 0o777)
        case .symlink:
            let how = entry.operation == .rename || entry.operation == .copy ? "reads through" : "writes through"
            throw refuse("cannot \(verb) \(name): it is a symlink, and Airlock never \(how) a symlink")
        case .regular where entry.oldKind == .symlink:
            throw refuse("cannot \(verb) \(name): the patch says it is a symlink (mode 120000) but it is a regular file")
        case .regular:
            break
        }
        if let mode = entry.file.oldMode ?? entry.file.index?.mode, mode.isExecutable != status.isExecutable {
            let actual = "0" + String(status.permissions, radix: 8)
            throw refuse("cannot \(verb) \(name): the patch says its mode is \(mode) but the file is \(status.isExecutable ? "" : "not ")executable (permissions \(actual))")
        }
        guard status.size <= options.maxFileBytes,
            let content = try io({ try (parent ?? directories.directory(path.parent)).readContent(path.name, limit: options.maxFileBytes) })
        else {
            throw refuse("cannot \(verb) \(name): it is \(status.size) bytes, over the limit of \(options.maxFileBytes) bytes per file (ApplyOptions.maxFileBytes)")
        }
        return SourceFile(content: content, permissions: status.permissions)
    }

    /// Checks that `target` can be written and returns the directory to stage it in, and
    /// whether nothing is there now (nor will be, at commit, but what this patch puts
    /// there), recording the directories to create and prune on the way.
    private func place(
        _ target: WorkspacePath, for entry: PlannedEntry, removed: Set<WorkspacePath>, into work: inout Work
    ) throws(ApplyProblem) -> (stageDirectory: WorkspacePath, createsTarget: Bool) {
        guard entry.operation != .modify else { return (target.parent, false) }
        let name = Quoted.name(target.description)
        let verb = entry.operation.verb
        func refuse(_ text: String) -> ApplyProblem { ApplyProblem(path: target.description, text) }
        switch try inspect(target) {
        case .missing(let existing):
            for depth in (existing + 1)..<target.depth {
                work.stagingDirectories.insert(target.prefix(depth))
            }
            return (target.parent, true)
        case .blocked(let at, let kind):
            // A file (or symlink) that this patch removes may give way to a directory.
            guard removed.contains(at), kind == .regular || kind == .symlink else {
                throw refuse(blockedMessage(target, at: at, kind: kind))
            }
            for depth in at.depth..<target.depth {
                work.commitDirectories.insert(target.prefix(depth))
            }
            return (at.parent, true)
        case .found(let status):
            switch status.kind {
            case .regular, .symlink:
                guard removed.contains(target) else {
                    throw refuse("cannot \(verb) \(entry.operation == .create ? "" : Quoted.name(entry.file.oldPath ?? "") + " onto ")\(name): it already exists")
                }
            case .directory:
                let inside = try io { try tree.contents(of: target) }
                let kept = inside.others.filter { !removed.contains($0) }
                guard kept.isEmpty, inside.undecodable == 0 else {
                    let count = kept.count + inside.undecodable
                    throw refuse("cannot \(verb) \(name): it is a directory holding \(count) entr\(count == 1 ? "y" : "ies") this patch does not delete")
                }
                work.prunes.formUnion(inside.directories + [target])
            case .other(let kind):
                throw refuse("cannot \(verb) \(name): a \(kind) is in the way")
            }
            return (target.parent, false)
        }
    }

    /// The new file's permission bits: the old file's, as the patch's mode asks, but never
    /// setuid, setgid or sticky, which a rewritten file must not carry over.
    private func permissions(for entry: PlannedEntry, old kept: mode_t?) -> mode_t {
        guard let old = kept.map({ $0 & 0o777 }), entry.newKind != .symlink else {
            return entry.file.newMode == .executable ? 0o755 : 0o644
        }
        switch entry.file.newMode {
        case .executable?:
            return old | 0o100 | ((old & 0o044) >> 2)
        case .regular?:
            return old & ~0o111
        default:
            return old
        }
    }

    private func checkLinkTarget(_ bytes: [UInt8], path: WorkspacePath) throws(ApplyProblem) {
        if bytes.isEmpty || bytes.contains(0) || bytes.count >= Int(PATH_MAX) {
            throw ApplyProblem(path: path.description, "\(Quoted.name(path.description)): a symlink's target must be 1 to \(PATH_MAX - 1) bytes without NUL")
        }
    }

    // MARK: - helpers

    private func blockedMessage(_ path: WorkspacePath, at: WorkspacePath, kind: EntryStatus.Kind) -> String {
        let name = Quoted.name(path.description), ancestor = Quoted.name(at.description)
        switch kind {
        case .symlink:
            return "\(name): \(ancestor) on the way is a symlink, and Airlock never goes through a symlink"
        case .regular:
            return "\(name): \(ancestor) on the way is a file, not a directory"
        case .other(let other):
            return "\(name): \(ancestor) on the way is a \(other), not a directory"
        case .directory:
            return "\(name): \(ancestor) on the way could not be opened"
        }
    }

    private func inspect(_ path: WorkspacePath) throws(ApplyProblem) -> WorkspaceTree.Inspection {
        try io { try directories.inspect(path) }
    }

    /// Runs a read and turns a system error into a problem, since a file that cannot be
    /// read is a reason to refuse, not a crash.
    private func io<T>(_ body: () throws -> T) throws(ApplyProblem) -> T {
        do {
            return try body()
        } catch let error as FileSystemError {
            throw ApplyProblem(path: error.path, "cannot read the workspace: \(error)")
        } catch {
            throw ApplyProblem(path: nil, "cannot read the workspace: \(error)")
        }
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).hexString
    }

    static func sha256(_ bytes: Bytes) -> String {
        var hasher = SHA256()
        bytes.withUnsafeBufferPointer { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hasher.finalize().hexString
    }
}
