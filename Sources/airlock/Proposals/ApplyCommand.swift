import AirlockCore
import ArgumentParser

struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a proposal a reviewer already approved (after an interrupted apply).",
        discussion: """
            This decides nothing: it applies exactly the bytes an approval names, after \
            checking their digest and re-validating them against the workspace. `airlock \
            review` applies approvals at once; this is for an apply a crash rolled back.
            """
    )

    @Argument(help: "The proposal id.")
    var id: Int64

    @OptionGroup var target: ManagedWorkspaceOption

    func run() throws {
        let service = try target.service(onApplyStep: FaultInjection.fromEnvironment())
        let report = try explainingFailures { try service.blocking.apply(id) }
        emit("proposal #\(id) applied: \(report.files.count) file\(report.files.count == 1 ? "" : "s")\n")
        for file in report.files {
            emit("  \(file.operation.verb) \(VisibleText.escape(file.newPath ?? file.oldPath ?? ""))\(file.newSHA256.map { " sha256:\($0)" } ?? "")\n")
        }
    }
}
