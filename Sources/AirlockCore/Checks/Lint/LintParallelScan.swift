import Foundation

/// Scans hunks on every core: the units are cut into contiguous runs, each run scanned
/// by its own `LintLineScanner`, and the results joined in unit order, so the findings
/// are those of one sequential scan.
enum LintParallelScan {
    /// Runs per core: more runs than cores keep both busy when one is slowed down.
    static let runsPerCore = 8

    static func run(
        units: [LintUnit], parallel: Bool, patch: Patch, set: LintRuleSet, allowed: [[Bool]], ignore: LintIgnore,
        work: inout LintWork
    ) -> [(file: Int, finding: LintFinding)] {
        let cores = min(ProcessInfo.processInfo.activeProcessorCount, 16)
        let runCount = parallel && cores > 1 ? min(units.count, cores * runsPerCore) : 1
        guard runCount > 1 else {
            var scanner = LintLineScanner(set: set, ignore: ignore)
            var found: [(file: Int, finding: LintFinding)] = []
            for unit in units { scanner.scan(unit, of: patch, allowed: allowed[unit.file], into: &found) }
            work.linesScanned += scanner.work.linesScanned
            work.regexRuns += scanner.work.regexRuns
            return found
        }
        let bounds = (0...runCount).map { units.count * $0 / runCount }
        let slots = Slots(count: runCount)
        defer { slots.deallocate() }
        DispatchQueue.concurrentPerform(iterations: runCount) { r in
            var scanner = LintLineScanner(set: set, ignore: ignore)
            var found: [(file: Int, finding: LintFinding)] = []
            for unit in units[bounds[r]..<bounds[r + 1]] { scanner.scan(unit, of: patch, allowed: allowed[unit.file], into: &found) }
            // Each iteration writes only its own slot.
            slots.buffer[r] = (found, scanner.work)
        }
        var found: [(file: Int, finding: LintFinding)] = []
        for slot in slots.buffer {
            guard let (findings, done) = slot else { continue }
            found += findings
            work.linesScanned += done.linesScanned
            work.regexRuns += done.regexRuns
        }
        return found
    }

    private struct Slots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<([(file: Int, finding: LintFinding)], LintWork)?>
        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }
        func deallocate() {
            buffer.deinitialize()
            buffer.deallocate()
        }
    }
}
