import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Times random kills of an apply by its journal rather than by the clock from start-up,
/// which process start and the store dominate: `transaction.json` appears when the apply
/// has validated everything and starts staging, is rewritten as committed, and is removed
/// when the new files are in place. A kill soon after it appears must roll back (old
/// tree); one after it is gone must leave the new tree; the ones between explore both.
struct JournalTimedKill {
    /// The journal file of the apply, `<journal directory>/transaction.json`.
    let journal: String

    /// When the journal appeared, or nil when the process ended without one being seen.
    func waitForJournal(of process: Process) -> ContinuousClock.Instant? {
        while process.isRunning {
            if access(journal, F_OK) == 0 { return .now }
            usleep(20)
        }
        return nil
    }

    /// How long the journal of an uninterrupted run lives: from its appearance to its
    /// removal (or the process's exit, if that is seen first).
    func lifetime(of process: Process) -> Duration? {
        guard let appeared = waitForJournal(of: process) else { return nil }
        while process.isRunning && access(journal, F_OK) == 0 { usleep(20) }
        return .now - appeared
    }

    /// When a trial's kill lands.
    enum Moment: CustomStringConvertible {
        /// This long after the journal appeared.
        case afterJournalAppeared(Duration)
        /// As soon as the journal is gone: the new files are in place, the apply not over.
        case whenJournalRemoved

        var description: String {
            switch self {
            case .afterJournalAppeared(let delay): "\(delay) after the journal appeared"
            case .whenJournalRemoved: "when the journal was removed"
            }
        }
    }

    /// Where the apply was when it died, from the journal it left.
    enum Phase: String {
        /// The journal says `staging`: recovery must roll back to the old tree.
        case staging
        /// The journal says `committed`: recovery must finish the new tree.
        case committed
        /// The journal is gone: the new tree is in place.
        case journalRemoved = "journal removed"
        /// The process ended before the journal was seen: nothing was killed mid-apply.
        case noJournalSeen = "no journal seen"

        /// The tree recovery must leave, when the kill landed mid-apply.
        var expectedTree: String? {
            switch self {
            case .staging: "old"
            case .committed, .journalRemoved: "new"
            case .noJournalSeen: nil
            }
        }
    }

    /// Kills `process` at `moment` and says where the apply was when it died.
    func kill(_ process: Process, at moment: Moment) -> Phase {
        guard let appeared = waitForJournal(of: process) else {
            process.waitUntilExit()
            return .noJournalSeen
        }
        switch moment {
        case .afterJournalAppeared(let delay):
            while ContinuousClock.now < appeared + delay { usleep(20) }
        case .whenJournalRemoved:
            while process.isRunning && access(journal, F_OK) == 0 { usleep(20) }
        }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        guard let data = FileManager.default.contents(atPath: journal) else { return .journalRemoved }
        let state = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["state"] as? String
        return state == "staging" ? .staging : .committed
    }

    /// `count` moments: the first just after the journal appeared, the last when it is
    /// removed, so that a rolled-back and a completed apply both occur whatever the
    /// machine's load; the others one in each equal slice of `window`, at random within it.
    static func moments(count: Int, over window: Duration) -> [Moment] {
        var random = SystemRandomNumberGenerator()
        return (0..<count).map { slice in
            if slice == 0 { return .afterJournalAppeared(.zero) }
            if slice == count - 1 { return .whenJournalRemoved }
            return .afterJournalAppeared(window * ((Double(slice) + Double.random(in: 0..<1, using: &random)) / Double(count)))
        }
    }
}
