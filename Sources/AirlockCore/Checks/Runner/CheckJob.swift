import Foundation

/// A queued check's configured command, and how its outcome becomes a verdict.
struct CheckJob {
    enum Command {
        case test(WorkspaceConfig.TestCommand)
        case linter(WorkspaceConfig.LinterCommand)
    }

    let command: Command

    /// Where a linter that reports on standard output has it written, in the scratch copy.
    static let linterReport = ".airlock-linter-report"
    /// Most bytes of a results file or report that are read.
    static let maximumReportBytes = 64 << 20

    init(_ run: CheckRun) throws {
        let spec = Data((run.spec ?? "").utf8)
        switch run.kind {
        case .test: command = .test(try JSONDecoder().decode(WorkspaceConfig.TestCommand.self, from: spec))
        case .external: command = .linter(try JSONDecoder().decode(WorkspaceConfig.LinterCommand.self, from: spec))
        case .applies, .lint: throw CheckJobError(reason: "a \(run.kind.rawValue) check is not run by a runner")
        }
    }

    var script: String {
        switch command {
        case .test(let test): test.command
        case .linter(let linter) where linter.output == nil: "( \(linter.command)\n) > \(Self.linterReport)"
        case .linter(let linter): linter.command
        }
    }

    var timeoutSeconds: Int {
        switch command {
        case .test(let test): test.timeoutSeconds
        case .linter(let linter): linter.timeoutSeconds
        }
    }

    var network: Bool {
        switch command {
        case .test(let test): test.network
        case .linter(let linter): linter.network
        }
    }

    func verdict(_ outcome: SandboxOutcome, scratch: URL, patch: Patch, ignore: LintIgnore) -> CheckVerdict {
        let sandboxed = outcome.sandboxed
        if outcome.timedOut {
            return CheckVerdict(
                status: .timeout, summary: "ran past its \(timeoutSeconds) s timeout: it and every process it started were killed", sandboxed: sandboxed)
        }
        let seconds = String(format: "%.1f s", Double(outcome.duration.components.seconds) + Double(outcome.duration.components.attoseconds) / 1e18)
        switch command {
        case .test(let test):
            return testVerdict(test, outcome, seconds: seconds, scratch: scratch)
        case .linter(let linter):
            return linterVerdict(linter, outcome, scratch: scratch, patch: patch, ignore: ignore)
        }
    }

    private func testVerdict(_ test: WorkspaceConfig.TestCommand, _ outcome: SandboxOutcome, seconds: String, scratch: URL) -> CheckVerdict {
        let sandboxed = outcome.sandboxed
        guard let results = test.results else {
            let status: CheckRun.Status = outcome.succeeded ? .passed : .failed
            return CheckVerdict(status: status, summary: "\(outcome.termination) after \(seconds)", sandboxed: sandboxed)
        }
        let bytes: [UInt8]
        do {
            bytes = try ScratchFile.read(results, in: scratch, limit: Self.maximumReportBytes)
        } catch {
            return CheckVerdict(status: .error, summary: "no results: \(error) (\(outcome.termination) after \(seconds))", sandboxed: sandboxed)
        }
        let report: TestReport
        do throws(TestResultError) {
            report = try TestResults.parse(bytes, format: test.format)
        } catch {
            return CheckVerdict(status: .error, summary: "\(results): \(error)", sandboxed: sandboxed)
        }
        let count = { (status: TestCase.Status) in report.cases.count { $0.status == status } }
        var parts = ["\(count(.passed)) passed"]
        if count(.failed) > 0 { parts.append("\(count(.failed)) failed") }
        if count(.error) > 0 { parts.append("\(count(.error)) errors") }
        if count(.skipped) > 0 { parts.append("\(count(.skipped)) skipped") }
        var summary = parts.joined(separator: ", ") + " in \(seconds)"
        let status: CheckRun.Status
        if report.cases.isEmpty {
            status = .error
            summary = "\(results) holds no test cases (\(outcome.termination))"
        } else if count(.failed) + count(.error) > 0 {
            status = .failed
        } else if !outcome.succeeded {
            status = .failed
            summary += ", but \(outcome.termination)"
        } else {
            status = .passed
        }
        return CheckVerdict(status: status, summary: summary, sandboxed: sandboxed, cases: report.cases)
    }

    private func linterVerdict(_ linter: WorkspaceConfig.LinterCommand, _ outcome: SandboxOutcome, scratch: URL, patch: Patch, ignore: LintIgnore) -> CheckVerdict {
        let sandboxed = outcome.sandboxed
        let file = linter.output ?? Self.linterReport
        let bytes: [UInt8]
        do {
            bytes = try ScratchFile.read(file, in: scratch, limit: Self.maximumReportBytes)
        } catch {
            return CheckVerdict(status: .error, summary: "no report: \(error) (\(outcome.termination))", sandboxed: sandboxed)
        }
        let all: [LintFinding]
        do throws(ExternalFindingsError) {
            all = try ExternalFindings.parse(bytes, format: linter.format, source: linter.name, scratchRoot: scratch.path)
        } catch {
            return CheckVerdict(status: .error, summary: "its report cannot be read: \(error) (\(outcome.termination))", sandboxed: sandboxed)
        }
        let findings = ignore.apply(to: ExternalFindings.limit(all, to: patch))
        return CheckVerdict(status: LintSummary.status(findings), summary: LintSummary.line(findings), sandboxed: sandboxed, findings: findings)
    }
}

struct CheckJobError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
