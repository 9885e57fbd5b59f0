import Foundation
import Testing
@testable import AirlockCore

/// Steps run on every core still look like one thread's to the fault-injection hook.
@Suite("Parallel steps")
struct ParallelStepsTests {
    private struct Stop: Error {}
    private struct Broken: Error {}

    /// 12 groups of 10 items: enough to run on every core.
    private let groups = (0..<12).map { g in (0..<10).map { g * 10 + $0 } }

    @Test("every item runs once, group order is kept, the hook sees 1, 2, 3, …")
    func numbering() throws {
        let hooked = Log(), done = Log()
        var steps = StepCounter(hook: { hooked.add($0) })
        try ParallelSteps.run(groups, steps: &steps) { done.add($0) }
        #expect(hooked.items == Array(1...120))
        #expect(steps.count == 120)
        #expect(done.items.sorted() == Array(0..<120))
        for group in groups {
            #expect(done.items.filter(group.contains) == group)
        }
    }

    @Test("a hook that stops at step N leaves exactly N-1 steps done")
    func stopAtStep() {
        for stop in [1, 2, 17, 60, 120] {
            let done = Log()
            var steps = StepCounter(hook: { if $0 == stop { throw Stop() } })
            #expect(throws: InjectedFault.self, "stop at \(stop)") {
                try ParallelSteps.run(groups, steps: &steps) { done.add($0) }
            }
            #expect(done.items.count == stop - 1, "stop at \(stop)")
        }
    }

    @Test("a failing step stops the others and its error is thrown")
    func failure() {
        let done = Log()
        var steps = StepCounter(hook: nil)
        #expect(throws: Broken.self) {
            try ParallelSteps.run(groups, steps: &steps) { item in
                if item == 35 { throw Broken() }
                done.add(item)
            }
        }
        #expect(!done.items.contains(35) && done.items.count < 119)
    }

    @Test("few steps run in order on the calling thread")
    func serial() throws {
        let done = Log()
        var steps = StepCounter(hook: nil)
        try ParallelSteps.run([[1, 2], [3]], steps: &steps) { done.add($0) }
        #expect(done.items == [1, 2, 3])
        #expect(steps.count == 3)
    }

    @Test("grouping keeps first appearance and element order")
    func grouping() {
        #expect(["b1", "a1", "b2", "c1", "a2"].grouped { $0.first } == [["b1", "b2"], ["a1", "a2"], ["c1"]])
    }
}

private final class Log: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []

    func add(_ value: Int) {
        lock.withLock { values.append(value) }
    }

    var items: [Int] { lock.withLock { values } }
}
