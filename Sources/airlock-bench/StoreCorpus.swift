@_spi(Benchmark) import AirlockCore
import Foundation
import GRDB

/// The store benchmark's data: patches agents submit, and a large store filled through the
/// real write API with the bulk of its audit log appended directly, chained exactly as the
/// store chains it.
enum StoreCorpus {
    /// A git diff that creates `path` with `lines` lines.
    static func creation(_ path: String, lines: Int) -> [UInt8] {
        var text = "diff --git a/\(path) b/\(path)\nnew file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1\(lines == 1 ? "" : ",\(lines)") @@\n"
        for n in 0..<lines { text += "+\(path) line \(n): let value\(n) = compute(\(n)) // keeps the patch near real sizes\n" }
        return Array(text.utf8)
    }

    /// Submits `count` proposals of about 2 KB each through `AirlockStore.submit`, one
    /// transaction each as agents would.
    static func submitProposals(_ count: Int, to store: AirlockStore) throws {
        for n in 0..<count {
            let path = "src/module\(n % 40)/file\(n).swift"
            let patch = creation(path, lines: 24)
            let new = NewProposal(
                agent: "agent-\(n % 8)", title: "create \(path)", rationale: "benchmark proposal \(n)", format: "git", patch: patch,
                digest: PatchDigest(canonicalText: patch).hex, baseCommit: nil, preImage: [FileImage(path: path, sha256: nil)],
                fileCount: 1, addedLines: 24, removedLines: 0)
            _ = try store.submit(new, check: CheckOutcome(name: "applies", passed: true, summary: "applies cleanly", startedAt: store.clock()))
        }
    }

    /// Appends audit entries until the log holds `total`, spread over proposals
    /// 1…`proposals`, in transactions of `batch`, each hashed onto its predecessor with
    /// `AuditEntry.computeHash`.
    static func appendAuditEntries(upTo total: Int, proposals: Int, path: String, batch: Int = 50_000) throws {
        let queue = try DatabaseQueue(path: path)
        guard let last = try queue.read({ db in try Row.fetchOne(db, sql: "SELECT seq, at, hash FROM audit_entry ORDER BY seq DESC LIMIT 1") }) else { return }
        var seq: Int64 = last["seq"]
        var at: Int64 = last["at"]
        var previous: String = last["hash"]
        // Each proposal's entries go check, ready → checking, checking → ready, … so the
        // log tells a story `audit --verify` accepts; a proposal left `checking` at the
        // end is moved back to `ready` by one more entry.
        let kinds: [(kind: String, actor: String, details: String)] = [
            ("check", "airlock", #"{"name":"applies","status":"passed","summary":"still applies cleanly after the workspace changed"}"#),
            ("state", "airlock", #"{"from":"ready","to":"checking"}"#),
            ("state", "airlock", #"{"from":"checking","to":"ready"}"#),
        ]
        var written = [Int](repeating: 0, count: proposals + 1)
        var closing = Array((1...proposals).reversed())
        while seq < Int64(total) || !closing.isEmpty {
            try queue.write { db in
                let statement = try db.makeStatement(sql: "INSERT INTO audit_entry (seq, at, kind, proposal_id, actor, details, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                for _ in 0..<batch {
                    let proposal: Int64
                    if seq < Int64(total) {
                        proposal = seq % Int64(proposals) + 1
                    } else {
                        while let next = closing.last, written[next] % 3 != 2 { closing.removeLast() }
                        guard let next = closing.popLast() else { break }
                        proposal = Int64(next)
                    }
                    seq += 1
                    at += 7
                    let entry = kinds[written[Int(proposal)] % 3]
                    written[Int(proposal)] += 1
                    let hash = AuditEntry.computeHash(seq: seq, at: at, kind: entry.kind, proposalID: proposal, actor: entry.actor, details: entry.details, previousHash: previous)
                    try statement.execute(arguments: [seq, at, entry.kind, proposal, entry.actor, entry.details, previous, hash])
                    previous = hash
                }
            }
        }
    }
}

extension StoreCorpus {
    /// Submits one proposal that creates `path` holding `text` (lines ending in a newline)
    /// through `AirlockStore.submit`; returns its id.
    static func submitCreation(of path: String, text: String, agent: String, title: String, to store: AirlockStore) throws -> Int64 {
        let lines = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        var body = "+" + text.replacingOccurrences(of: "\n", with: "\n+")
        body.removeLast()
        let patch = Array("diff --git a/\(path) b/\(path)\nnew file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1,\(lines) @@\n\(body)".utf8)
        let new = NewProposal(
            agent: agent, title: title, rationale: "benchmark proposal holding a \(lines)-line diff", format: "git", patch: patch,
            digest: PatchDigest(canonicalText: patch).hex, baseCommit: nil, preImage: [FileImage(path: path, sha256: nil)],
            fileCount: 1, addedLines: lines, removedLines: 0)
        return try store.submit(new, check: CheckOutcome(name: "applies", passed: true, summary: "applies cleanly", startedAt: store.clock())).proposal.id
    }
}
