import Foundation

/// Where a broker's calls run: threads of its own (Dispatch's), not the process's
/// cooperative pool. A host that blocks its pool's few threads (a command waiting on a
/// child, a test reading a socket) then cannot stall the broker, and the store's
/// blocking work in a call does not take the host's threads either.
final class BrokerExecutor: TaskExecutor {
    static let shared = BrokerExecutor()

    private let queue = DispatchQueue(label: "airlock.broker.calls", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
