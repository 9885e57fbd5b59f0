import Dispatch
import Foundation

/// Independent steps of a transaction (writing the staged files, renaming them) carried
/// out on every core. The steps come in groups, one per directory, each run in order on
/// one thread: the kernel serialises work inside one directory anyway, and creating files
/// in different directories at once is where the time is won.
///
/// Step numbering is kept exactly: the hook sees 1, 2, 3, … in order, one call just
/// before each step starts. Once the hook or a step fails no further step starts, the
/// steps under way finish, and the first failure is thrown. So when the hook stops the
/// application at step N, steps 1…N-1 are done and no other, as with one thread (only
/// which file got which number depends on the timing).
enum ParallelSteps {
    /// Below this many steps one thread is as fast.
    static let minimumParallelSteps = 16

    static func run<Item>(_ groups: [[Item]], steps: inout StepCounter, _ step: (Item) throws -> Void) throws {
        let total = groups.reduce(0) { $0 + $1.count }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, groups.count, 8)
        guard workers > 1, total >= minimumParallelSteps else {
            for group in groups {
                for item in group {
                    try steps.next()
                    try step(item)
                }
            }
            return
        }
        let coordinator = Coordinator(steps: steps, groupCount: groups.count)
        withoutActuallyEscaping(step) { step in
            let work = SharedWork(groups: groups, step: step)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let group = coordinator.nextGroup() {
                    for item in work.groups[group] {
                        guard coordinator.begin() else { return }
                        do {
                            try work.step(item)
                        } catch {
                            coordinator.fail(error)
                            return
                        }
                    }
                }
            }
        }
        steps = try coordinator.finish()
    }

    /// The groups and the step, read by every worker.
    private struct SharedWork<Item>: @unchecked Sendable {
        let groups: [[Item]]
        let step: (Item) throws -> Void
    }

    /// Hands out groups and step numbers and remembers the first failure.
    private final class Coordinator: @unchecked Sendable {
        private let lock = NSLock()
        // Guarded by `lock`.
        private var counter: StepCounter
        private var nextGroupIndex = 0
        private let groupCount: Int
        private var failure: (any Error)?

        init(steps: StepCounter, groupCount: Int) {
            counter = steps
            self.groupCount = groupCount
        }

        func nextGroup() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard failure == nil, nextGroupIndex < groupCount else { return nil }
            nextGroupIndex += 1
            return nextGroupIndex - 1
        }

        /// Numbers the next step and calls the hook; false when it must not start.
        func begin() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            guard failure == nil else { return false }
            do {
                try counter.next()
                return true
            } catch {
                failure = error
                return false
            }
        }

        func fail(_ error: any Error) {
            lock.lock()
            defer { lock.unlock() }
            if failure == nil { failure = error }
        }

        func finish() throws -> StepCounter {
            lock.lock()
            defer { lock.unlock() }
            if let failure { throw failure }
            return counter
        }
    }
}

extension Array {
    /// The elements grouped by `key`, groups in order of first appearance, elements in
    /// their order.
    func grouped<Key: Hashable>(by key: (Element) -> Key) -> [[Element]] {
        var index: [Key: Int] = [:]
        var groups: [[Element]] = []
        for element in self {
            let k = key(element)
            if let i = index[k] {
                groups[i].append(element)
            } else {
                index[k] = groups.count
                groups.append([element])
            }
        }
        return groups
    }
}
