/// Carries out a validated plan: journal (`staging`), directories and staged files,
/// journal (`committed`), removals and renames, journal deleted. A crash anywhere leaves
/// something `Recovery` turns into the old tree or the new one.
struct Transaction {
    let tree: WorkspaceTree
    let journalDirectory: JournalDirectory
    let plan: ApplyPlan
    let durable: Bool

    func run(steps: inout StepCounter) throws {
        var journal = Journal(transaction: Journal.newTransactionID(), workspace: try tree.identity(), durable: durable, plan: plan)
        do {
            // If this fails nothing is staged yet, and a half-written journal is only a
            // temporary file that the next read removes.
            try journalDirectory.write(journal, steps: &steps)
        } catch let fault as InjectedFault {
            throw fault.underlying
        }

        var committed = false
        do {
            try stage(journal, steps: &steps)
            try checkCreatedTargetsStillAbsent()
            journal.state = .committed
            try journalDirectory.write(journal, steps: &steps)
            committed = true
            try journalDirectory.sync()
        } catch let fault as InjectedFault {
            throw fault.underlying
        } catch {
            let failure = error
            guard !committed else { throw Self.pending(failure) }
            do {
                var silent = StepCounter(hook: nil)
                try Recovery.rollBack(journal, in: tree, steps: &silent)
                try journalDirectory.remove()
            } catch {
                throw Self.pending(failure)
            }
            throw failure
        }

        do {
            try Recovery.rollForward(journal, in: tree, steps: &steps)
            try steps.next()
            try journalDirectory.remove()
        } catch let fault as InjectedFault {
            throw fault.underlying
        } catch {
            throw Self.pending(error)
        }
    }

    /// Creates the new directories and writes every new content under its staged name.
    private func stage(_ journal: Journal, steps: inout StepCounter) throws {
        for path in journal.stagingDirectories {
            try steps.next()
            let parent = try tree.directory(path.parent)
            try parent.makeDirectory(path.name)
            if durable { try parent.sync() }
        }
        // One directory's files on one thread, different directories at once.
        let directories = DirectoryCache(tree)
        let groups = Array(zip(plan.writes, journal.writes)).grouped { $0.1.stage.parent }
        try ParallelSteps.run(groups, steps: &steps) { write, staged in
            let directory = try directories.directory(staged.stage.parent)
            if write.isSymlink {
                try directory.createSymlink(staged.stage.name, target: write.content)
            } else {
                try directory.createFile(staged.stage.name, bytes: write.content, permissions: write.permissions, sync: durable)
            }
        }
        if durable {
            try steps.next()
            try tree.root.syncFileSystem()
        }
    }

    /// Refuses, while the transaction can still be rolled back, when a file appeared at a
    /// path this patch creates since the patch was checked: it is someone else's and is
    /// kept. (One that appears later still, after the commit, is refused by the rename.)
    private func checkCreatedTargetsStillAbsent() throws {
        let directories = DirectoryCache(tree)
        var problems: [ApplyProblem] = []
        for write in plan.writes where write.createsTarget && write.stageDirectory == write.target.parent {
            guard try directories.existingDirectory(write.target.parent)?.status(write.target.name) != nil else { continue }
            let name = write.target.description
            problems.append(ApplyProblem(path: name, "\(Quoted.name(name)) appeared after the patch was checked; it was left as it is (Airlock never replaces a file it did not expect)"))
        }
        if !problems.isEmpty { throw ApplyRefusal(problems: problems) }
    }

    /// The error, marked as leaving the journal behind for `Applier.recover`.
    private static func pending(_ error: any Error) -> any Error {
        guard var error = error as? FileSystemError else { return error }
        error.pendingRecovery = true
        return error
    }
}
