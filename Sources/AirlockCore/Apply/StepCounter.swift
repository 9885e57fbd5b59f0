/// Numbers the steps of an application (journal writes, directories, staged files,
/// removals, renames) and calls the fault-injection hook before each one.
struct StepCounter {
    let hook: (@Sendable (Int) throws -> Void)?
    private(set) var count = 0

    init(hook: (@Sendable (Int) throws -> Void)?) {
        self.hook = hook
    }

    /// Announces the next step; an error from the hook comes back as `InjectedFault`.
    mutating func next() throws(InjectedFault) {
        count += 1
        guard let hook else { return }
        do {
            try hook(count)
        } catch {
            throw InjectedFault(underlying: error)
        }
    }
}

/// The fault-injection hook threw: the application stops on the spot, leaving the
/// workspace and journal exactly as a crash at that step would.
struct InjectedFault: Error {
    let underlying: any Error
}
