import Dispatch

/// Where the cockpit's background work runs: threads of its own, never the shared pool
/// of Swift tasks. The loop blocks its thread waiting for keys; work that queued behind
/// a busy pool (a test run, a process that blocks its tasks) would leave the screen stale.
final class EffectExecutor: TaskExecutor, Sendable {
    private let queue = DispatchQueue(label: "airlock.cockpit.effects", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
