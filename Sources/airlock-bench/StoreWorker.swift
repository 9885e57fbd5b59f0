import AirlockCore
import Foundation

/// `airlock-bench store-worker ROOT INDEX COUNT GO`: one of the benchmark's agent processes.
/// It opens the workspace, waits until the file GO exists so that all workers start
/// together, submits COUNT proposals through `ManagedWorkspace.propose` (each creating
/// its own file), and prints when it started and finished (`monotonicMicroseconds`).
struct StoreWorker {
    static let command = "store-worker"

    var root: String
    var index: Int
    var count: Int
    var go: String

    init(arguments: [String]) throws {
        guard arguments.count == 4, let index = Int(arguments[1]), let count = Int(arguments[2]) else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "usage: airlock-bench store-worker ROOT INDEX COUNT GO"])
        }
        root = arguments[0]
        self.index = index
        self.count = count
        go = arguments[3]
    }

    func run() throws {
        let workspace = try ManagedWorkspace.open(root: root).workspace
        while !FileManager.default.fileExists(atPath: go) { usleep(1_000) }
        let started = monotonicMicroseconds()
        for n in 0..<count {
            let patch = StoreCorpus.creation("worker\(index)/file\(n).txt", lines: 3)
            let result = try workspace.propose(ProposalRequest(agent: "agent-\(index)", input: Bytes(patch)))
            guard result.isNew else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "proposal \(n) was a duplicate"]) }
        }
        print("\(started) \(monotonicMicroseconds())")
    }
}
