import Foundation

/// `airlock-bench channels`: the agents' channels measured process to process, as agents
/// use them, against the `airlock` binary built beside this one.
struct ChannelsBenchmark {
    func run() throws {
        print("airlock-bench channels\n")
        let airlock = Self.airlockBinary()
        guard FileManager.default.isExecutableFile(atPath: airlock) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: airlock, NSLocalizedDescriptionKey: "\(airlock): build it first (swift build -c release)"])
        }
        // Each channel's rows follow, in the order README's Performance section lists them.
        try MCPChannelBenchmark(airlock: airlock).run()
        try SocketChannelBenchmark(airlock: airlock).run()
        try HookChannelBenchmark(airlock: airlock).run()
        try AgentsPaneBenchmark().run()
        try RunnerChannelBenchmark(airlock: airlock).run()
    }

    /// `airlock` in the directory this benchmark runs from.
    static func airlockBinary() -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("airlock").path
    }
}
