import Foundation

/// `airlock-bench SUITE…`: speed figures measured side by side with peers in one run.
@main
struct BenchCommand {
    static func main() {
        do {
            try run()
        } catch {
            FileHandle.standardError.write(Data("airlock-bench: \((error as? CocoaError)?.localizedDescription ?? "\(error)")\n".utf8))
            exit(1)
        }
    }

    static func run() throws {
        let suites = CommandLine.arguments.dropFirst()
        if suites.first == StoreWorker.command { return try StoreWorker(arguments: Array(suites.dropFirst())).run() }
        if suites.first == SocketClientWorker.command { return try SocketClientWorker(arguments: Array(suites.dropFirst())).run() }
        let known = ["patch", "store", "review", "edits", "tui", "cockpit", "terminal-bytes", "lint", "scratch", "channels"]
        guard !suites.isEmpty, suites.allSatisfy(known.contains) else {
            FileHandle.standardError.write(Data("usage: airlock-bench \(known.joined(separator: "|"))…\n".utf8))
            exit(2)
        }
        for suite in suites {
            switch suite {
            case "patch": try PatchBenchmark().run()
            case "store": try StoreBenchmark().run()
            case "review": try ReviewBenchmark().run()
            case "edits": try EditsBenchmark().run()
            case "tui":
                TUIBenchmark().run()
                print("")
                try CockpitBenchmark().run()
            case "cockpit": try CockpitBenchmark().run()
            case "terminal-bytes": try TerminalBytesBenchmark().run()
            case "lint": try LintBenchmark().run()
            case "scratch": try ScratchBenchmark().run()
            case "channels": try ChannelsBenchmark().run()
            default: break
            }
        }
    }
}
