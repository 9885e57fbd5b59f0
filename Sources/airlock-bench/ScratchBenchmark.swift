import AirlockCore
import Foundation

/// `airlock-bench scratch`: the scratch copy a check runs in, on a generated git
/// repository of 20,000 files: the first preparation of a slot, then a 50-file proposal on
/// the warm slot (what every later proposal costs), and a no-op command under bubblewrap.
struct ScratchBenchmark {
    var files = 20_000
    var proposalFiles = 50
    var runs = 5

    func run() throws {
        print("airlock-bench scratch\n")
        // AIRLOCK_BENCH_SCRATCH_REPO keeps the generated repository there between runs.
        let kept = ProcessInfo.processInfo.environment["AIRLOCK_BENCH_SCRATCH_REPO"]
        let root = kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bench-scratch-\(getpid())").path
        defer { if kept == nil { try? FileManager.default.removeItem(atPath: root) } }
        let workspace = root + "/workspace"
        if FileManager.default.fileExists(atPath: workspace + "/.git") {
            try? FileManager.default.removeItem(atPath: workspace + "/.git/airlock")
        } else {
            let generated = Measurement.time { try? generate(workspace) }
            print(Self.row("generate and commit \(files) files (setup, not Airlock)", seconds: generated))
        }

        let pool = ScratchPool(workspace: workspace)
        let slot = try pool.acquire()
        let empty = Patch(files: [])
        let first = try Measurement.time { try slot.prepare(patch: empty) }
        let firstCost = slot.lastCost
        print(Self.row("first prepare (cold slot)", seconds: first) + "   " + Self.describe(firstCost))

        let proposal = try proposalPatch()
        var warm = Measurement()
        var cost = ScratchCost()
        for _ in 0..<runs {
            warm.samples.append(try Measurement.time { try slot.prepare(patch: proposal) })
            cost = slot.lastCost
        }
        print(Self.row("prepare a \(proposalFiles)-file proposal, warm slot (median of \(runs))", seconds: warm.median) + "   " + Self.describe(cost))

        var unchanged = Measurement()
        for _ in 0..<runs { unchanged.samples.append(try Measurement.time { try slot.prepare(patch: empty) }) }
        print(Self.row("prepare with nothing changed (median of \(runs))", seconds: unchanged.median) + "   " + Self.describe(slot.lastCost))

        guard case .available = BubblewrapProbe.shared, let sandbox = try? CommandSandbox(mode: .bubblewrap) else {
            print("`true` under bubblewrap: skipped, bubblewrap cannot start here")
            return
        }
        var command = Measurement()
        for _ in 0..<runs {
            command.samples.append(try Measurement.time {
                let outcome = try sandbox.run(SandboxedCommand("true", in: slot, timeout: .seconds(30))) { _ in }
                guard outcome.succeeded else { throw CocoaError(.featureUnsupported) }
            })
        }
        print(Self.row("`true` under bubblewrap (median of \(runs))", seconds: command.median))
        print(Self.row("check cycle: \(proposalFiles)-file prepare + `true` sandboxed", seconds: warm.median + command.median) + "   (target < 1 s)")
    }

    // MARK: - the repository

    private func content(_ index: Int, changed: Bool = false) -> String {
        (1...20).map { line in line == 10 && changed ? "line \(line) of file \(index), changed\n" : "line \(line) of file \(index)\n" }.joined()
    }

    private func path(_ index: Int) -> String { "dir\(index / 100)/file\(index).txt" }

    private func generate(_ workspace: String) throws {
        for index in 0..<files {
            let full = workspace + "/" + path(index)
            if index % 100 == 0 {
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            }
            try Data(content(index).utf8).write(to: URL(fileURLWithPath: full))
        }
        for arguments in [["init", "-q"], ["add", "-A"], ["-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "files"]] {
            let outcome = try SystemProcessRunner().run(ProcessCommand("git", arguments, workingDirectory: workspace))
            guard outcome.succeeded else { throw CocoaError(.fileWriteUnknown) }
        }
        // Past the window in which a just-written file is copied again to be safe.
        usleep(100_000)
    }

    /// Line 10 changed in `proposalFiles` files spread over the repository.
    private func proposalPatch() throws -> Patch {
        var text = ""
        for step in 0..<proposalFiles {
            let index = step * (files / proposalFiles)
            let file = path(index)
            text += "diff --git a/\(file) b/\(file)\n--- a/\(file)\n+++ b/\(file)\n@@ -9,3 +9,3 @@\n"
            text += " line 9 of file \(index)\n-line 10 of file \(index)\n+line 10 of file \(index), changed\n line 11 of file \(index)\n"
        }
        return try PatchReader().read(Array(text.utf8), format: .git)
    }

    // MARK: - output

    static func row(_ name: String, seconds: Double) -> String {
        "\(name.padding(toLength: 66, withPad: " ", startingAt: 0)) \(String(format: "%9.1f ms", seconds * 1000))"
    }

    static func describe(_ cost: ScratchCost) -> String {
        "(\(cost.listed) listed, \(cost.statted) stat'd, \(cost.copied) copied, \(cost.reflinked) reflinked, \(cost.removed) removed)"
    }
}
