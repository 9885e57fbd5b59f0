import AirlockCore
import ArgumentParser
import Foundation

/// `--workspace DIR` and what commands need from it: the applier with its journal, a
/// safe reader of current files, and recovery of an interrupted apply before anything else.
struct WorkspaceOption: ParsableArguments {
    @Option(help: "The workspace directory (default: the current directory).")
    var workspace: String?

    struct Opened {
        var root: String
        var journalDirectory: String
        /// The managed workspace `root` is in (`root` itself or an ancestor), found as
        /// `find` finds it: its changes go through review.
        var managedWorkspace: String?

        /// Where `patch` would write inside a managed workspace: `root` is in one, or a
        /// path of the patch lies in one below `root`.
        func managedTarget(of patch: Patch) -> (path: String?, workspace: String)? {
            if let managedWorkspace { return (nil, managedWorkspace) }
            let paths = patch.files.flatMap { [$0.oldPath, $0.newPath].compactMap { $0 } }
            return ManagedWorkspace.nested(in: root, paths: paths).map { ($0.path, $0.workspace) }
        }

        /// Why `patch` may not be applied here directly, or nil.
        func managedRefusal(of patch: Patch) -> String? {
            guard let (path, workspace) = managedTarget(of: patch) else { return nil }
            return Self.managedMessage(path: path, root: root, workspace: workspace)
        }

        static func managedMessage(path: String?, root: String, workspace: String) -> String {
            let place = if let path { "`\(path)` lies inside \(workspace), which" } else if workspace == root { root } else { "\(root) lies inside \(workspace), which" }
            return "\(place) is managed by Airlock (it has .airlock/): changes there go through review (`airlock propose`), not `airlock patch apply`"
        }

        /// Removes a journal directory that Airlock made inside a plain workspace, once it
        /// is empty, so a finished command leaves no trace there.
        func tidy() {
            if managedWorkspace == nil, journalDirectory == root + "/.airlock-journal" { rmdir(journalDirectory) }
        }

        /// The applier for this workspace; it hashes every file only for a report that
        /// shows the digests (`--json`).
        func applier(reportsDigests: Bool = true) -> Applier {
            Applier(workspace: root, journalDirectory: journalDirectory, options: ApplyOptions(reportsDigests: reportsDigests))
        }

        /// Reads current files through the same symlink-refusing walk the applier uses.
        var contents: WorkspaceContents {
            return WorkspaceReader(root: root).closure
        }
    }

    func open() throws -> Opened {
        let given = workspace ?? FileManager.default.currentDirectoryPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: given, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure.fail("workspace \(given): no such directory", code: CommandFailure.unusableInput)
        }
        let root = URL(fileURLWithPath: given).standardizedFileURL.path
        let enclosing = ManagedWorkspace.enclosing(root)
        let managed = FileManager.default.fileExists(atPath: root + "/.airlock")
        let gitDirectory = root + "/.git"
        var gitIsDirectory: ObjCBool = false
        let journal: String
        if managed {
            journal = root + "/.airlock/journal"
        } else if FileManager.default.fileExists(atPath: gitDirectory, isDirectory: &gitIsDirectory), gitIsDirectory.boolValue {
            journal = gitDirectory + "/airlock-journal"
        } else {
            journal = root + "/.airlock-journal"
        }
        let opened = Opened(root: root, journalDirectory: journal, managedWorkspace: enclosing)
        // A managed workspace's journal is settled by its own commands, which also set
        // the proposal's state to match; this one writes nothing there.
        guard enclosing == nil else { return opened }
        do {
            if FileManager.default.fileExists(atPath: journal),
                let outcome = try Applier.recover(workspace: root, journalDirectory: journal)
            {
                switch outcome {
                case .rolledBack: CommandFailure.report("an interrupted apply was rolled back: the workspace is as it was before it")
                case .rolledForward: CommandFailure.report("an interrupted apply was completed: the workspace is as that patch left it")
                }
            }
            opened.tidy()
        } catch {
            throw CommandFailure.fail("cannot recover the interrupted apply in \(journal): \(error)", code: 1)
        }
        return opened
    }
}
