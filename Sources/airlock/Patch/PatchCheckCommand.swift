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
        let patch = try input.read(workspace: workspace.contents)
        ProcessLifetime.keepUntilExit(patch)
        do {
            let report = try workspace.applier(reportsDigests: json).check(patch)
            if json {
                emit(try JSONOutput.encode(ApplyOutput(applies: true, digest: PatchDigest(of: patch).hex, files: report.files, problems: [])))
            } else {
                emit(ApplyOutput.summary(of: report, patch: patch, verb: "would apply"))
            }
        } catch let refusal as ApplyRefusal {
            if json {
                emit(try JSONOutput.encode(ApplyOutput(applies: false, digest: PatchDigest(of: patch).hex, files: [], problems: refusal.problems.map(ApplyOutput.Problem.init))))
            } else {
                for problem in refusal.problems { CommandFailure.report("refused: \(ApplyOutput.describe(problem))") }
            }
            throw ExitCode(1)
        }
    }
}
