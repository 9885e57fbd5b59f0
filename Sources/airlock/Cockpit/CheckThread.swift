import AirlockCore
import Foundation
import Synchronization

/// A check runner on a thread of its own (a check blocks until its command ends): the
/// one a cockpit runs while it is open, and the demo's while its agents play.
final class CheckThread: Sendable {
    private let stopping = Atomic<Bool>(false)
    private let ended = DispatchSemaphore(value: 0)

    private init() {}

    /// Starts serving the workspace's queued checks; `failed` hears what went wrong in a
    /// pass (the next pass tries again).
    static func start(workspace: ManagedWorkspace, failed: @escaping @Sendable (String) -> Void) -> CheckThread {
        let checks = CheckThread()
        let runner = CheckRunner(workspace: workspace)
        let thread = Thread {
            runner.serve(stop: { checks.stopping.load(ordering: .acquiring) }, failed: { failed("Checks could not run: \($0)") })
            checks.ended.signal()
        }
        thread.name = "airlock cockpit checks"
        thread.start()
        return checks
    }

    /// Asks the runner to stop once the check at hand ends; returns at once.
    func requestStop() {
        stopping.store(true, ordering: .releasing)
    }

    /// Asks the runner to stop and waits up to `seconds` for the check at hand to end. A
    /// longer one is left to its claim, which expires without this process, so another
    /// runner runs it again.
    func stop(waiting seconds: Double = 3) {
        requestStop()
        _ = ended.wait(timeout: .now() + seconds)
    }
}
