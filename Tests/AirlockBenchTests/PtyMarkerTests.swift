import Foundation
import Testing
@testable import airlock_bench

/// The pieces the cockpit benchmark measures with on a real pseudo-terminal: the marker
/// that tells a key's answer apart from a screen that keeps changing, and peak memory.
@Suite("Benchmark: pseudo-terminal markers and peak memory")
struct PtyMarkerTests {
    let size = PtyBytes.Size(columns: 80, rows: 24)
    let environment = ["PATH": "/usr/bin:/bin"]

    @Test func aMarkerSplitAcrossWritesIsFoundWhenItsLastByteArrives() throws {
        let terminal = try PtyBytes.Terminal(size: size)
        let start = monotonicMicroseconds()
        // ▶ is E2 96 B6: two of its bytes first, the third 200 ms later.
        let program = try terminal.spawn(["/bin/sh", "-c", #"printf 'ab\342\226'; sleep 0.2; printf '\266cd'; exec sleep 5"#], environment: environment, directory: nil)
        defer { program.stop() }
        let result = terminal.receive(until: Array("▶".utf8), since: start, limit: 5)
        let found = try #require(result.found)
        #expect(found >= 200)
        let first = try #require(result.first)
        #expect(first < found)
    }

    @Test func aMarkerNeverWrittenIsNotFoundAndTheWaitEndsAtTheLimit() throws {
        let terminal = try PtyBytes.Terminal(size: size)
        let start = monotonicMicroseconds()
        // The marker's first two bytes, never its last.
        let program = try terminal.spawn(["/bin/sh", "-c", #"printf 'no mark \342\226 here'; exec sleep 5"#], environment: environment, directory: nil)
        defer { program.stop() }
        let result = terminal.receive(until: Array("▶".utf8), since: start, limit: 0.3)
        #expect(result.found == nil)
        #expect(result.bytes == 15)
        #expect(Double(monotonicMicroseconds() - start) / 1e6 >= 0.3)
    }

    @Test(arguments: [
        ([0x78, 0xE2, 0x96, 0xB6], true), ([0xE2, 0x96, 0xB6, 0x78], true), ([0xE2, 0x96, 0xB6], true),
        ([0x78, 0xE2, 0x96], false), ([], false), ([0xE2, 0x96, 0xB7], false),  // ▷
    ] as [([UInt8], Bool)])
    func containsFindsTheWholeMarkerOnly(bytes: [UInt8], expected: Bool) {
        #expect(PtyBytes.Terminal.contains(bytes, Array("▶".utf8)) == expected)
    }

    @Test func peakResidentIsTheHighWaterMarkOfTheProcess() throws {
        let terminal = try PtyBytes.Terminal(size: size)
        // The shell holds a 40 MB string while it waits (an exec would start a new peak).
        let big = try terminal.spawn(["/bin/sh", "-c", "x=$(head -c 40000000 /dev/zero | tr '\\0' a); echo held; sleep 5"], environment: environment, directory: nil)
        defer { big.stop() }
        #expect(terminal.receive(until: Array("held".utf8), since: monotonicMicroseconds(), limit: 20).found != nil)
        let peak = try #require(big.peakResident)
        #expect(peak >= 40_000_000)

        // The terminal must outlive the program: closing it hangs the program up.
        let quiet = try PtyBytes.Terminal(size: size)
        let small = try quiet.spawn(["/bin/sleep", "5"], environment: environment, directory: nil)
        defer { small.stop() }
        usleep(100_000)
        let smallPeak = try #require(small.peakResident)
        #expect(smallPeak < 20_000_000)
    }

    @Test func processorSecondsCountWhatTheProgramRanNotHowLongItLived() throws {
        let busyTerminal = try PtyBytes.Terminal(size: size), idleTerminal = try PtyBytes.Terminal(size: size)
        let busy = try busyTerminal.spawn(["/bin/sh", "-c", "while :; do :; done"], environment: environment, directory: nil)
        defer { busy.stop() }
        let idle = try idleTerminal.spawn(["/bin/sleep", "5"], environment: environment, directory: nil)
        defer { idle.stop() }
        usleep(1_500_000)
        // A loop that never sleeps gets a share of a core even on a busy machine.
        #expect(try #require(busy.processorSeconds) >= 0.1)
        #expect(try #require(idle.processorSeconds) < 0.05)
    }

    @Test func aProcessThatIsGoneHasNoPeak() throws {
        let program = try PtyBytes.Terminal(size: size).spawn(["/bin/true"], environment: environment, directory: nil)
        program.stop()
        #expect(program.peakResident == nil)
    }
}
