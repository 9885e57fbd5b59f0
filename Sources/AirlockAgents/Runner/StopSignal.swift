#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// SIGINT, SIGTERM and SIGHUP to the runner (Ctrl-C, `airlock run --stop`, a closed
/// terminal) ask it to stop its agent, not to die: it still proposes the agent's
/// uncommitted work and cleans up.
final class StopSignal {
    private let counter: Counter
    private let sources: [any DispatchSourceSignal]

    init() {
        var sources: [any DispatchSourceSignal] = []
        let counter = Counter()
        self.counter = counter
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { counter.value.add(1, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// How many times a stop was asked for.
    var requests: Int { counter.value.load(ordering: .relaxed) }

    func cancel() {
        for source in sources { source.cancel() }
    }
}

/// A count shared between threads.
final class Counter: Sendable {
    let value = Atomic<Int>(0)
}

/// A flag shared between threads.
final class Flag: Sendable {
    fileprivate let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}

extension Flag {
    func clear() { value.store(false, ordering: .relaxed) }
}
