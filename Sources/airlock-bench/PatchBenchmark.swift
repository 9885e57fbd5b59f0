import AirlockCore
import Foundation

/// `airlock-bench patch`: a git patch of about 100 MB over 5,000 files and its tree;
/// Airlock's stat, check and apply timed against git apply's in the same run.
struct PatchBenchmark {
    var fileCount = 5_000
    var linesPerFile = 400
    var runs = 5
    /// AIRLOCK_BENCH_VERBOSE=1 prints every run's times.
    var verbose = ProcessInfo.processInfo.environment["AIRLOCK_BENCH_VERBOSE"] == "1"

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        // AIRLOCK_BENCH_KEEP=DIR keeps the corpus there, for profiling; with
        // AIRLOCK_BENCH_REUSE=1 a corpus kept there before is used as it is.
        let kept = environment["AIRLOCK_BENCH_KEEP"]
        let root = kept.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bench-\(getpid())")
        defer { if kept == nil { try? FileManager.default.removeItem(at: root) } }
        let base = root.appendingPathComponent("base")
        let patchURL = root.appendingPathComponent("change.patch")

        let reuse = kept != nil && environment["AIRLOCK_BENCH_REUSE"] == "1" && FileManager.default.fileExists(atPath: patchURL.path)
        let patchBytes: Int
        if reuse {
            print("airlock-bench patch: reusing the corpus in \(root.path)")
            patchBytes = try ByteStorage(contentsOfFile: patchURL.path).count
        } else {
            try? FileManager.default.removeItem(at: root)
            print("airlock-bench patch: generating \(fileCount) files and their patch…")
            patchBytes = try PatchCorpus(fileCount: fileCount, linesPerFile: linesPerFile).write(tree: base, patch: patchURL).count
        }
        let treeBytes = try directorySize(base)
        print(String(format: "  patch %.1f MB, tree %.1f MB, %d files", Double(patchBytes) / 1e6, Double(treeBytes) / 1e6, fileCount))

        // AIRLOCK_BENCH_ONLY=stat,check times only those operations.
        let only = environment["AIRLOCK_BENCH_ONLY"].map { Set($0.split(separator: ",").map(String.init)) }
        func wanted(_ operation: String) -> Bool { only?.contains(operation) ?? true }
        var rows: [ComparisonRow] = []
        if wanted("stat") { rows.append(try compareStat(patchURL: patchURL, root: root)) }
        if wanted("check") { rows += try compareCheck(patchURL: patchURL, base: base, root: root) }
        if wanted("apply") { rows.append(try compareApply(patchURL: patchURL, base: base, root: root)) }
        print("")
        for row in rows { print(row.line) }
    }

    // MARK: - check

    /// `airlock patch check` as a reviewer runs it, and with `--json`, whose report also
    /// names the SHA-256 of every old and new file (for information: no target).
    private func compareCheck(patchURL: URL, base: URL, root: URL) throws -> [ComparisonRow] {
        var ours = Measurement(), oursJSON = Measurement(), git = Measurement()
        let journal = root.appendingPathComponent("journal")
        for _ in 0..<runs {
            ours.samples.append(try timeAirlock(patchURL) { patch in
                let report = try Applier(workspace: base.path, journalDirectory: journal.path, options: cliOptions(json: false)).check(patch)
                precondition(report.files.count == patch.files.count)
            })
            git.samples.append(try Measurement.time {
                let status = try runQuietly(["git", "apply", "--check", patchURL.path], in: base)
                precondition(status == 0, "git apply --check refused the benchmark patch")
            })
            oursJSON.samples.append(try timeAirlock(patchURL) { patch in
                let report = try Applier(workspace: base.path, journalDirectory: journal.path, options: cliOptions(json: true)).check(patch)
                precondition(report.files.allSatisfy { $0.oldSHA256 != nil || $0.newSHA256 != nil })
            })
        }
        return [
            ComparisonRow(name: "patch check", airlock: ours.median, peerName: "git apply --check", peer: git.median, target: "target ≤ 0.50x"),
            ComparisonRow(name: "  with --json", airlock: oursJSON.median, peerName: "git apply --check", peer: git.median, target: "+ SHA-256 of every file; no target"),
        ]
    }

    /// What the CLI asks of the applier: file digests only for `--json`.
    private func cliOptions(json: Bool) -> ApplyOptions {
        ApplyOptions(reportsDigests: json)
    }

    // MARK: - apply

    /// Each run applies to fresh copies of the tree. The two take turns going first, and
    /// before each timed application the page cache is written back (`sync`, not timed),
    /// so neither pays for writing back the copies or what the other just wrote.
    private func compareApply(patchURL: URL, base: URL, root: URL) throws -> ComparisonRow {
        var ours = Measurement(), git = Measurement()
        let journal = root.appendingPathComponent("journal")
        var identical = true
        for run in 0..<runs {
            let ourTree = root.appendingPathComponent("ours-\(run)"), gitTree = root.appendingPathComponent("git-\(run)")
            try runQuietly(["cp", "-a", base.path, ourTree.path], in: root)
            try runQuietly(["cp", "-a", base.path, gitTree.path], in: root)
            func timeOurs() throws {
                try runQuietly(["sync"], in: root)
                ours.samples.append(try timeAirlock(patchURL) { patch in
                    _ = try Applier(workspace: ourTree.path, journalDirectory: journal.path, options: cliOptions(json: false)).apply(patch)
                })
            }
            func timeGit() throws {
                try runQuietly(["sync"], in: root)
                git.samples.append(try Measurement.time {
                    let status = try runQuietly(["git", "apply", patchURL.path], in: gitTree)
                    precondition(status == 0, "git apply refused the benchmark patch")
                })
            }
            if run % 2 == 0 {
                try timeOurs()
                try timeGit()
            } else {
                try timeGit()
                try timeOurs()
            }
            if verbose { print(String(format: "  apply run %d (%@ first): airlock %.0f ms, git %.0f ms", run + 1, run % 2 == 0 ? "airlock" : "git", ours.samples[run] * 1000, git.samples[run] * 1000)) }
            if run == 0 { identical = try runQuietly(["diff", "-r", ourTree.path, gitTree.path], in: root) == 0 }
            try? FileManager.default.removeItem(at: ourTree)
            try? FileManager.default.removeItem(at: gitTree)
        }
        print("  applied trees identical to git's: \(identical ? "yes" : "NO")")
        return ComparisonRow(name: "patch apply", airlock: ours.median, peerName: "git apply", peer: git.median, target: "target ≤ 1.00x, atomic")
    }

    // MARK: - stat

    private func compareStat(patchURL: URL, root: URL) throws -> ComparisonRow {
        var ours = Measurement(), git = Measurement()
        var ourOutput = ""
        for _ in 0..<runs {
            ours.samples.append(try timeAirlock(patchURL) { patch in
                ourOutput = PatchStats(patch).numstat
            })
            git.samples.append(try Measurement.time {
                try runQuietly(["git", "apply", "--numstat", patchURL.path], in: root)
            })
        }
        let bytes = try ByteStorage(contentsOfFile: patchURL.path).bytes
        let parseOnly = Measurement.time { _ = try? PatchReader().read(bytes) }
        print(String(format: "  (parse alone, input in memory: %.1f ms)", parseOnly * 1000))
        let gitOutput = try capture(["git", "apply", "--numstat", patchURL.path], in: root)
        print("  numstat identical to git's: \(gitOutput == ourOutput ? "yes" : "NO")")
        return ComparisonRow(name: "patch stat", airlock: ours.median, peerName: "git apply --numstat", peer: git.median, target: "target ≤ 0.50x")
    }

    // MARK: - helpers

    /// Times what the CLI does: map and parse the patch, then `body`. As in the CLI, the
    /// parsed patch is released after the clock stops (`airlock` keeps it until exit; see
    /// ProcessLifetime).
    private func timeAirlock(_ patchURL: URL, _ body: (Patch) throws -> Void) throws -> Double {
        var kept: [Patch] = []
        let seconds = try Measurement.time {
            let patch = try PatchReader().read(try ByteStorage(contentsOfFile: patchURL.path).bytes)
            try body(patch)
            kept.append(patch)
        }
        kept.removeAll()
        return seconds
    }

    private func capture(_ arguments: [String], in directory: URL) throws -> String {
        let outcome = try SystemProcessRunner().run(ProcessCommand(
            arguments[0], Array(arguments.dropFirst()), workingDirectory: directory.path, standardError: .discard))
        return String(decoding: outcome.standardOutput, as: UTF8.self)
    }

    private func directorySize(_ url: URL) throws -> Int {
        var total = 0
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey])
        while let item = enumerator?.nextObject() as? URL {
            total += (try? item.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        return total
    }
}
