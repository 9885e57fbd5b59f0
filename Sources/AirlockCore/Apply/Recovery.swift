#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finishes or undoes an application that a crash interrupted, from its journal alone.
/// Every action is idempotent, so recovery itself may be interrupted and run again.
enum Recovery {
    /// Runs recovery for the workspace; nil when no application was interrupted. With
    /// `expectedTargets`, a journal that would write or remove any other path is not
    /// replayed: it is not the apply that was recorded.
    static func recover(
        workspace: String, journalDirectory path: String, expectedTargets: Set<String>? = nil, hook: (@Sendable (Int) throws -> Void)? = nil
    ) throws -> RecoveryOutcome? {
        guard let directory = try JournalDirectory.open(path, create: false) else { return nil }
        guard let journal = try directory.read() else { return nil }
        try journal.validate()
        if let expectedTargets {
            let touched = Set(journal.writes.map(\.target.description) + journal.removals.map(\.description))
            let foreign = touched.subtracting(expectedTargets)
            guard foreign.isEmpty else {
                throw ForeignJournal(reason: "transaction \(journal.transaction) would change \(foreign.sorted().prefix(3).map(Quoted.name).joined(separator: ", ")), which the apply recorded before it does not touch: it was left alone")
            }
        }
        let tree = try WorkspaceTree(opening: workspace)
        guard try tree.identity().matches(journal.workspace) else {
            throw JournalCorruption(reason: "transaction \(journal.transaction) belongs to the workspace at \(Quoted.name(journal.workspace.path)), not to \(Quoted.name(workspace))")
        }
        var steps = StepCounter(hook: hook)
        do {
            switch journal.state {
            case .staging:
                try rollBack(journal, in: tree, steps: &steps)
            case .committed:
                try rollForward(journal, in: tree, steps: &steps)
            }
            try steps.next()
            try directory.remove()
        } catch let fault as InjectedFault {
            throw fault.underlying
        }
        switch journal.state {
        case .staging: return .rolledBack(transaction: journal.transaction)
        case .committed: return .rolledForward(transaction: journal.transaction)
        }
    }

    /// Removes the staged files and the directories made for them: the old tree.
    static func rollBack(_ journal: Journal, in tree: WorkspaceTree, steps: inout StepCounter) throws {
        for write in journal.writes {
            try steps.next()
            try tree.existingDirectory(write.stage.parent)?.removeFile(write.stage.name)
        }
        for directory in journal.stagingDirectories.reversed() {
            try steps.next()
            try tree.existingDirectory(directory.parent)?.removeEmptyDirectory(directory.name)
        }
    }

    /// Unlinks the removed files, prunes emptied directories, creates the directories
    /// that replace removed files and renames every staged file over its target: the new
    /// tree. Work an earlier run already did is recognised and skipped.
    static func rollForward(_ journal: Journal, in tree: WorkspaceTree, steps: inout StepCounter) throws {
        let newDirectories = Set(journal.commitDirectories)
        for path in journal.removals {
            try steps.next()
            guard let directory = try tree.existingDirectory(path.parent),
                let status = try directory.status(path.name)
            else { continue }
            // Only an earlier run of this roll-forward puts a directory here.
            if status.kind == .directory && newDirectories.contains(path) { continue }
            try directory.removeFile(path.name)
        }
        for path in journal.prunes {
            try steps.next()
            try tree.existingDirectory(path.parent)?.removeEmptyDirectory(path.name)
        }
        for path in journal.commitDirectories {
            try steps.next()
            try tree.directory(path.parent).makeDirectory(path.name)
        }
        // Each rename is independent of the others: one target directory's on one
        // thread, different directories at once.
        let directories = DirectoryCache(tree)
        try ParallelSteps.run(journal.writes.grouped(by: \.target.parent), steps: &steps) { write in
            if let from = try directories.existingDirectory(write.stage.parent) {
                do throws(FileSystemError) {
                    let destination = try directories.directory(write.target.parent)
                    if write.mustNotReplace {
                        try from.renameWithoutReplacing(write.stage.name, to: write.target.name, in: destination)
                    } else {
                        try from.rename(write.stage.name, to: write.target.name, in: destination)
                    }
                    return
                } catch {
                    // Only a staged file that is not there is expected.
                    guard error.errno == ENOENT, try from.status(write.stage.name) == nil else { throw error }
                }
            }
            // Renamed by an earlier run, unless the target vanished too: then the new
            // content is lost and a person must look.
            guard try directories.existingDirectory(write.target.parent)?.status(write.target.name) != nil else {
                throw FileSystemError("renameat", path: write.stage.description, errno: ENOENT, pendingRecovery: true)
            }
        }
        if journal.durable {
            try steps.next()
            try tree.root.syncFileSystem()
        }
    }
}

/// A journal that does not belong to the apply on record: it is not replayed.
public struct ForeignJournal: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { "an apply journal was not replayed: \(reason)" }
}
