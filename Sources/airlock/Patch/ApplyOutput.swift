import AirlockCore
import ArgumentParser
import Foundation

/// What `patch check` and `patch apply` print.
struct ApplyOutput: Encodable {
    struct Problem: Encodable {
        var path: String?
        var hunk: Int?
        var message: String
        init(_ problem: ApplyProblem) {
            path = problem.path
            hunk = problem.hunk
            message = problem.message
        }
    }

    var applies: Bool
    /// Absent when the change could not even be located in the workspace.
    var digest: String?
    var files: [AppliedFile]
    var problems: [Problem]

    static func describe(_ problem: ApplyProblem) -> String {
        VisibleText.escape(problem.description, keepTabs: true)
    }

    /// Reports every problem of a refusal on stderr, then `closing` (what did not happen),
    /// and gives exit 1: the same words and status whatever the patch's format.
    static func refuse(_ refusal: ApplyRefusal, closing: String?) -> ExitCode {
        for problem in refusal.problems { CommandFailure.report("refused: \(describe(problem))") }
        if let closing { CommandFailure.report(closing) }
        return ExitCode(1)
    }

    static func summary(of report: ApplyReport, patch: Patch, verb: String) -> String {
        let stats = PatchStats(patch)
        var out = "\(verb): \(report.files.count) file\(report.files.count == 1 ? "" : "s"), +\(stats.added) -\(stats.removed)\n"
        for file in report.files {
            let path = file.newPath ?? file.oldPath ?? ""
            let name = VisibleText.escape(path) + PathMark.suffix(for: path)
            let old = file.oldPath ?? ""
            let moved = file.operation == .rename || file.operation == .copy ? "\(VisibleText.escape(old))\(PathMark.suffix(for: old)) => " : ""
            out += "  \(file.operation) \(moved)\(name)"
            let shifted = file.offsets.enumerated().filter { $0.element != 0 }
            if !shifted.isEmpty {
                out += " (" + shifted.map { "hunk \($0.offset + 1) at offset \($0.element > 0 ? "+" : "")\($0.element)" }.joined(separator: ", ") + ")"
            }
            out += "\n"
        }
        return out
    }
}
