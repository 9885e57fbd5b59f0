import Foundation

/// The time as the core reads it and how it waits: a value the services take, so tests
/// can run waits and timeouts on a clock of their own instead of real time.
public struct WallClock: Sendable {
    /// Milliseconds since 1970.
    public var now: @Sendable () -> Int64
    /// Waits this many milliseconds; throws `CancellationError` when the task is cancelled.
    public var sleep: @Sendable (_ milliseconds: Int64) async throws -> Void

    public init(now: @escaping @Sendable () -> Int64, sleep: @escaping @Sendable (_ milliseconds: Int64) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    public static let system = WallClock(
        now: AirlockStore.systemClock,
        sleep: { milliseconds in try await Task.sleep(nanoseconds: UInt64(max(0, milliseconds)) * 1_000_000) })
}
