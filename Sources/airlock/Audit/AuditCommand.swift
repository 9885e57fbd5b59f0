import AirlockCore
import ArgumentParser
import Foundation

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the hash-chained audit log, follow it live, or verify it.",
        discussion: """
            Every submission, state change, check, decision and application is an entry whose \
            hash covers the previous entry's hash and its own canonical JSON. --verify re-hashes \
            the chain and names the first entry that was altered, removed or inserted \
            (exit 1). Keep the printed head hash elsewhere and pass it to --expect later to \
            detect a rewrite of the whole tail. --follow prints each event as it is committed, \
            until interrupted; it opens the store read-only.
            """
    )

    @OptionGroup var target: ManagedWorkspaceOption

    @Flag(help: "Check the chain instead of printing it.")
    var verify = false

    @Option(help: ArgumentHelp("With --verify: a head hash kept earlier, which must still be in the chain.", valueName: "hash"))
    var expect: String?

    @Flag(help: "Print events as they happen, one line (or one JSON object) each, until interrupted.")
    var follow = false

    @Option(help: ArgumentHelp("Only entries after sequence number N, or since a time: an ISO 8601 date or time (2026-11-21, 2026-11-21T10:00:00Z) or an age (90s, 30m, 2h, 7d).", valueName: "seq|when"))
    var since: String?

    @Option(help: "Only this proposal's entries.")
    var proposal: Int64?

    @Flag(help: "Print JSON (with --follow: one object per line).")
    var json = false

    func validate() throws {
        if expect != nil && !verify { throw ValidationError("--expect goes with --verify") }
        if verify && follow { throw ValidationError("--verify and --follow do not go together") }
    }

    func run() async throws {
        // Reading the log changes nothing: look at it as an observer would.
        let service = try target.service(.observer)
        if verify { return try await verify(service) }
        let start = try since.map { try AuditStart.parse($0, now: service.clock.now()) }
        if follow { return try await follow(service, from: start) }
        var filter = AuditFilter(proposal: proposal)
        switch start {
        case .afterSeq(let seq)?: filter.afterSeq = seq
        case .time(let time)?: filter.since = time
        case nil: break
        }
        let entries = try await explainingFailures { try await service.auditEntries(filter) }
        if json {
            emit(try JSONOutput.encode(entries))
            return
        }
        var out = ""
        for entry in entries { out += AuditText.line(entry) + "\n" }
        emit(out)
    }

    private func verify(_ service: LocalReviewService) async throws {
        let verdict = try await explainingFailures { try await service.verifyAudit() }
        switch verdict {
        case .intact(let count, let head):
            if let expect {
                let kept = expect.lowercased().replacingOccurrences(of: "sha256:", with: "")
                guard let entry = try await explainingFailures({ try await service.auditEntries(AuditFilter(hash: kept)) }).first else {
                    throw CommandFailure.fail(
                        "audit chain rewritten: no entry has the hash you kept (\(VisibleText.escape(expect))); the \(count) entries chain together, so the log was replaced from that point on", code: 1)
                }
                emit("audit chain intact: \(count) entr\(count == 1 ? "y" : "ies"), head \(head); the kept hash is entry \(entry.seq)\n")
                return
            }
            emit("audit chain intact: \(count) entr\(count == 1 ? "y" : "ies"), head \(head)\n")
        case .broken(let seq, let reason):
            throw CommandFailure.fail("audit chain broken at entry \(seq): \(reason)", code: 1)
        }
    }

    private func follow(_ service: LocalReviewService, from start: AuditStart?) async throws {
        let cursor: Int64?
        switch start {
        case .afterSeq(let seq)?: cursor = seq
        case .time(let time)?:
            // From the first entry at that time; none yet means from now.
            let first = try await explainingFailures { try await service.auditEntries(AuditFilter(since: time, limit: 1)) }.first
            cursor = first.map { $0.seq - 1 }
        case nil: cursor = nil
        }
        let events = service.events(after: cursor)
        try await explainingFailures {
            for try await event in events where proposal == nil || event.proposal == proposal {
                emit(json ? EventText.json(event) : EventText.line(event) + "\n")
            }
        }
    }
}

/// Where `--since` starts.
enum AuditStart: Equatable {
    case afterSeq(Int64)
    case time(Int64)

    static func parse(_ text: String, now: Int64) throws -> AuditStart {
        if let seq = Int64(text) {
            guard seq >= 0 else {
                throw CommandFailure.fail("--since \(VisibleText.escape(text)): a sequence number is 0 or more", code: CommandFailure.unusableInput)
            }
            return .afterSeq(seq)
        }
        return .time(try AuditTime.parse(text, now: now))
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

/// Times for `--since`.
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
        throw CommandFailure.fail("--since \(VisibleText.escape(text)): not a sequence number or a time; use an entry's number (120), an ISO 8601 date or time (2026-11-21, 2026-11-21T10:00:00Z) or an age (90s, 30m, 2h, 7d)", code: CommandFailure.unusableInput)
    }
}
