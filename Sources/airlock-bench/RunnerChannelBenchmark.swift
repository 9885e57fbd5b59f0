import AirlockCore
import Foundation

/// `airlock-bench channels`, the worktree runner's rows: how long after an agent's commit
/// its proposal is in the store, and what `airlock run` costs around a command that does
/// nothing, with and without the sandbox.
struct RunnerChannelBenchmark {
    var airlock: String
    var samples = 9

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bench-runner-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = root.appendingPathComponent("workspace")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        try Data("start\n".utf8).write(to: workspace.appendingPathComponent("a.txt"))
        for command in [["git", "init", "-q"], ["git", "add", "a.txt"], ["git", "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "start"], [airlock, "init"]] {
            guard try runQuietly(command, in: workspace) == 0 else { throw CocoaError(.featureUnsupported) }
        }
        var latency = Measurement()
        for n in 0..<samples { latency.samples.append(try commitToProposal(n, workspace: workspace, scratch: root)) }
        print(Self.row("runner: agent's commit to its proposal in the store (median of \(samples))", seconds: latency.median) + "   (target < 500 ms; the branch is polled every 250 ms)")

        var plain = Measurement()
        for n in 0..<samples {
            plain.samples.append(try Measurement.time { try runQuietly([airlock, "run", "--agent", "plain-\(n)", "--", "true"], in: workspace) })
        }
        print(Self.row("runner: `airlock run -- true`, checkout made and removed (median of \(samples))", seconds: plain.median))
        guard case .available = BubblewrapProbe.shared else {
            print("runner: `airlock run --sandbox -- true`: skipped, bubblewrap cannot start here")
            return
        }
        var boxed = Measurement()
        for n in 0..<samples {
            boxed.samples.append(try Measurement.time {
                guard try runQuietly([airlock, "run", "--sandbox", "--agent", "boxed-\(n)", "--", "true"], in: workspace) == 0 else {
                    throw CocoaError(.featureUnsupported)
                }
            })
        }
        print(Self.row("runner: `airlock run --sandbox -- true` (median of \(samples))", seconds: boxed.median) + "   (target < 1 s)")
    }

    /// One agent that commits once and then idles: the time from its commit (as it says
    /// on a file outside the checkout) to its proposal in the store.
    private func commitToProposal(_ n: Int, workspace: URL, scratch: URL) throws -> Double {
        let stamp = scratch.appendingPathComponent("committed-\(n)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: airlock)
        process.arguments = [
            "run", "--agent", "latency-\(n)", "--", "/bin/sh", "-c",
            "echo \(n) > f\(n).txt && git add f\(n).txt && git -c user.name=b -c user.email=b@b commit -qm 'bench \(n)' && date +%s%N > '\(stamp.path)' && exec sleep 60",
        ]
        process.currentDirectoryURL = workspace
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let store = try ManagedWorkspace.open(root: workspace.path, access: .observer).workspace.store
        let deadline = Date().addingTimeInterval(20)
        var arrived: Double?
        while Date() < deadline {
            if arrived == nil, try !store.proposals(agent: "latency-\(n)").isEmpty { arrived = Date().timeIntervalSince1970 }
            if let arrived, let text = try? String(contentsOf: stamp, encoding: .utf8), let nanoseconds = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return max(0, arrived - nanoseconds / 1e9)
            }
            usleep(2000)
        }
        throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "no proposal from the runner within 20 s"])
    }

    static func row(_ name: String, seconds: Double) -> String {
        "\(name.padding(toLength: 78, withPad: " ", startingAt: 0)) \(String(format: "%9.1f ms", seconds * 1000))"
    }
}
