import AirlockCore
import ArgumentParser
import Foundation

struct PatchCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a patch against a workspace and dry-run it; writes nothing.",
        discussion: "Exit status: 0 it would apply, 1 it would not (every reason is listed), 2 the input is not usable."
    )

    @OptionGroup var input: PatchInputOptions
    @OptionGroup var target: WorkspaceOption

    @Flag(help: "Print JSON: whether it applies, the digest, per-file results or the problems.")
    var json = false

    func run() throws {
        let workspace = try target.open()
        defer { workspace.tidy() }
        var patch: Patch?
        do {
            let read = try input.read(workspace: workspace.contents)
            patch = read
            ProcessLifetime.keepUntilExit(read)
            if let managed = workspace.managedRefusal(of: read) {
                CommandFailure.report("note: \(managed); this is a dry run only")
            }
            let report = try workspace.applier(reportsDigests: json).check(read)
            if json {
                emit(try JSONOutput.encode(ApplyOutput(applies: true, digest: PatchDigest(of: read).hex, files: report.files, problems: [])))
            } else {
                emit(ApplyOutput.summary(of: report, patch: read, verb: "would apply"))
            }
        } catch let refusal as ApplyRefusal {
            guard json else { throw ApplyOutput.refuse(refusal, closing: nil) }
            let digest = patch.map { PatchDigest(of: $0).hex }
            emit(try JSONOutput.encode(ApplyOutput(applies: false, digest: digest, files: [], problems: refusal.problems.map(ApplyOutput.Problem.init))))
            throw ExitCode(1)
        }
    }
}
