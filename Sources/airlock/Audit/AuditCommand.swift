import AirlockCore
import ArgumentParser
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the hash-chained audit log, or verify it.",
        discussion: """
            Every submission, state change, check, decision and application is an entry whose \
            hash covers the previous entry's hash and its own canonical JSON. --verify re-hashes \
            the chain and names the first entry that was altered, removed or inserted \
            (exit 1). Keep the printed head hash elsewhere to detect a rewrite of the tail.
            """
    )

    @OptionGroup var target: ManagedWorkspaceOption

    @Flag(help: "Check the chain instead of printing it.")
    var verify = false

    @Option(help: ArgumentHelp("Only entries since this time: an ISO 8601 date or time (2026-11-21, 2026-11-21T10:00:00Z) or an age (90s, 30m, 2h, 7d).", valueName: "when"))
    var since: String?

    @Option(help: "Only this proposal's entries.")
    var proposal: Int64?

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let workspace = try target.open()
        if verify {
            let verdict = try explainingFailures { try workspace.store.verifyAudit() }
            switch verdict {
            case .intact(let count, let head):
                emit("audit chain intact: \(count) entr\(count == 1 ? "y" : "ies"), head \(head)\n")
            case .broken(let seq, let reason):
                throw CommandFailure.fail("audit chain broken at entry \(seq): \(reason)", code: 1)
            }
            return
        }
        let from = try since.map { try AuditTime.parse($0, now: workspace.store.clock()) }
        let entries = try explainingFailures { try workspace.store.auditEntries(proposal: proposal, since: from) }
        if json {
            emit(try JSONOutput.encode(entries))
            return
        }
        var out = ""
        for entry in entries { out += AuditText.line(entry) + "\n" }
        emit(out)
    }
}

/// An audit entry on one line.
enum AuditText {
    static func line(_ entry: AuditEntry) -> String {
        let time = utcTimestamp(milliseconds: entry.at)
        let subject = entry.proposalID.map { "#\($0)" } ?? "-"
        return "\(String(entry.seq).padding(6))\(time) \(subject.padding(6))\(entry.kind.padding(15))\(VisibleText.escape(entry.actor).padding(12))\(VisibleText.escape(entry.details))"
    }
}

/// `2026-11-21T10:00:00Z`, built with gmtime_r: a formatter per line was most of `show`.
func utcTimestamp(milliseconds: Int64) -> String {
    var seconds = time_t(milliseconds / 1000)
    var parts = tm()
    guard gmtime_r(&seconds, &parts) != nil else { return "?" }
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
}

/// `--since` values.
enum AuditTime {
    static func parse(_ text: String, now: Int64) throws -> Int64 {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        if let unit = text.last, let seconds = units[unit], let amount = Int64(text.dropLast()), amount >= 0 {
            return now - amount * seconds * 1000
        }
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        throw CommandFailure.fail("--since \(VisibleText.escape(text)): not a time; use an ISO 8601 date or time (2026-11-21, 2026-11-21T10:00:00Z) or an age (90s, 30m, 2h, 7d)", code: CommandFailure.unusableInput)
    }
}
