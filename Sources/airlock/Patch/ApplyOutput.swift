import AirlockCore
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
    var digest: String
    var files: [AppliedFile]
    var problems: [Problem]

    static func describe(_ problem: ApplyProblem) -> String {
        VisibleText.escape(problem.description, keepTabs: true)
    }

    static func summary(of report: ApplyReport, patch: Patch, verb: String) -> String {
        let stats = PatchStats(patch)
        var out = "\(verb): \(report.files.count) file\(report.files.count == 1 ? "" : "s"), +\(stats.added) -\(stats.removed)\n"
        for file in report.files {
            let name = VisibleText.escape(file.newPath ?? file.oldPath ?? "")
            let moved = file.operation == .rename || file.operation == .copy ? "\(VisibleText.escape(file.oldPath ?? "")) => " : ""
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
