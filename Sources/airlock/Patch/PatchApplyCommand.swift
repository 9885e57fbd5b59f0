import AirlockCore
import ArgumentParser
import Foundation

struct PatchApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a patch you reviewed, atomically: every file or none.",
        discussion: """
            Refuses to write inside a workspace that Airlock manages (one with .airlock/, at \
            the directory given, above it or below it on a patched path): there, changes go \
            through review. Exit status: 0 applied, 1 refused (nothing written), 2 the input \
            is not usable.
            """
    )

    @OptionGroup var input: PatchInputOptions
    @OptionGroup var target: WorkspaceOption

    @Flag(help: "Print JSON: per-file old and new SHA-256 and hunk offsets.")
    var json = false

    @Flag(help: "fsync staged files and the journal before committing, to survive power loss too.")
    var durable = false

    func run() throws {
        let workspace = try target.open()
        defer { workspace.tidy() }
        if let managed = workspace.managedWorkspace {
            CommandFailure.report(WorkspaceOption.Opened.managedMessage(path: nil, root: workspace.root, workspace: managed))
            throw CommandFailure.fail("nothing was written", code: 1)
        }
        var applier = workspace.applier(reportsDigests: json)
        applier.options.durable = durable
        applier.onStep = FaultInjection.fromEnvironment()
        do {
            let patch = try input.read(workspace: workspace.contents)
            ProcessLifetime.keepUntilExit(patch)
            if let refusal = workspace.managedRefusal(of: patch) {
                CommandFailure.report(refusal)
                throw CommandFailure.fail("nothing was written", code: 1)
            }
            let report = try applier.apply(patch)
            if json {
                emit(try JSONOutput.encode(ApplyOutput(applies: true, digest: PatchDigest(of: patch).hex, files: report.files, problems: [])))
            } else {
                emit(ApplyOutput.summary(of: report, patch: patch, verb: "applied"))
            }
        } catch let refusal as ApplyRefusal {
            throw ApplyOutput.refuse(refusal, closing: "nothing was written")
        } catch let error as FileSystemError {
            throw CommandFailure.fail("apply failed: \(error)", code: 1)
        }
    }
}
