import AirlockAgents
import AirlockCore
import Foundation

/// `airlock-bench socket-client SOCKET RUNS PROPOSALS PROCESSES AIRLOCK`: the benchmark's
/// agent inside bubblewrap. It times status reports and proposals through the broker on one
/// connection, then `airlock status` run as a process per report (what a hook or a shell
/// agent costs), and prints the medians as JSON.
struct SocketClientWorker {
    static let command = "socket-client"

    struct Figures: Codable {
        var status: Double
        var propose: Double
        var process: Double
    }

    var socket: String
    var runs: Int
    var proposals: Int
    var processes: Int
    var airlock: String

    init(arguments: [String]) throws {
        guard arguments.count == 5, let runs = Int(arguments[1]), let proposals = Int(arguments[2]), let processes = Int(arguments[3]) else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "usage: airlock-bench socket-client SOCKET RUNS PROPOSALS PROCESSES AIRLOCK"])
        }
        socket = arguments[0]
        self.runs = runs
        self.proposals = proposals
        self.processes = processes
        airlock = arguments[4]
    }

    func run() throws {
        let client = try BrokerClient(socketPath: socket).blocking
        var status = Measurement(), propose = Measurement(), process = Measurement()
        let report = AgentStatusReport(agent: "bench", state: .working, activity: "in the sandbox", channel: "bench")
        for _ in 0..<runs { status.samples.append(try Measurement.time { try client.reportStatus(report) }) }
        for n in 0..<proposals {
            propose.samples.append(try Measurement.time { _ = try client.propose(SocketChannelBenchmark.submission("sandboxed/\(n).txt")) })
        }
        var environment = ProcessInfo.processInfo.environment
        environment[BrokerProtocol.socketVariable] = socket
        for _ in 0..<processes {
            try process.samples.append(Measurement.time {
                let outcome = try SystemProcessRunner().run(ProcessCommand(
                    airlock, ["status", "--state", "working", "--activity", "a process"], environment: environment,
                    standardOutput: .discard, standardError: .discard))
                guard outcome.succeeded else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "airlock status failed inside the sandbox"]) }
            })
        }
        let figures = Figures(status: status.median, propose: propose.median, process: process.median)
        print(String(decoding: try JSONEncoder().encode(figures), as: UTF8.self))
    }
}
