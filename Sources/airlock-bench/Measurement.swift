import AirlockCore
import Foundation

/// Wall-clock timing of repeated runs; the median is reported.
struct Measurement {
    var samples: [Double] = []

    var median: Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[sorted.count / 2]
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// CLOCK_MONOTONIC in microseconds. On Linux it is one clock for every process, so the
/// workers' and followers' times can be compared with the bench's own.
func monotonicMicroseconds() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1_000
}

/// A row comparing Airlock with a peer: `name  airlock  peer  ratio`.
struct ComparisonRow {
    var name: String
    var airlock: Double
    var peerName: String
    var peer: Double
    var target: String

    var ratio: Double { airlock / peer }

    var line: String {
        let a = String(format: "%8.1f ms", airlock * 1000)
        let p = String(format: "%8.1f ms", peer * 1000)
        let r = String(format: "%5.2fx", ratio)
        return "\(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(a)   \(peerName.padding(toLength: 22, withPad: " ", startingAt: 0)) \(p)   ratio \(r)   (\(target))"
    }
}

/// Runs a command to completion with output discarded; returns its exit status. Timed
/// around, it costs what the command costs: the runner waits for the exit itself, where
/// Foundation's `Process.waitUntilExit` polls every 50 ms on Linux.
@discardableResult
func runQuietly(_ arguments: [String], in directory: URL) throws -> Int32 {
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_CEILING_DIRECTORIES"] = directory.deletingLastPathComponent().path
    let outcome = try SystemProcessRunner().run(ProcessCommand(
        arguments[0], Array(arguments.dropFirst()), environment: environment, workingDirectory: directory.path,
        standardOutput: .discard, standardError: .discard))
    return outcome.shellStatus
}
