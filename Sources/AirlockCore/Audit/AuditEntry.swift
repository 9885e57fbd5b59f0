import Crypto

/// One line of the audit trail. `details` is the canonical JSON (sorted keys) of what the
/// entry is about; `hash` covers the previous entry's hash and this entry's canonical
/// JSON, so changing, removing or inserting an entry breaks the chain after it.
public struct AuditEntry: Equatable, Sendable, Codable {
    public var seq: Int64
    /// Milliseconds since 1970.
    public var at: Int64
    public var kind: String
    public var proposalID: Int64?
    public var actor: String
    public var details: String
    public var previousHash: String
    public var hash: String

    /// The hash before the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The bytes the hash covers: the previous hash, a newline, then the entry as
    /// canonical JSON (fixed key order, `details` spliced in as stored).
    static func hashedBytes(
        seq: Int64, at: Int64, kind: String, proposalID: Int64?, actor: String, details: String,
        previousHash: String, into out: inout [UInt8]
    ) {
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: previousHash.utf8)
        out.append(contentsOf: #"\#n{"actor":"#.utf8)
        CanonicalJSON.appendString(actor, to: &out)
        out.append(contentsOf: #","at":"#.utf8)
        CanonicalJSON.appendInteger(at, to: &out)
        out.append(contentsOf: #","details":"#.utf8)
        out.append(contentsOf: details.utf8)
        out.append(contentsOf: #","kind":"#.utf8)
        CanonicalJSON.appendString(kind, to: &out)
        out.append(contentsOf: #","proposal":"#.utf8)
        if let proposalID { CanonicalJSON.appendInteger(proposalID, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","seq":"#.utf8)
        CanonicalJSON.appendInteger(seq, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// The hash an entry with these fields must carry after `previousHash`; public so
    /// that tools which build large logs in bulk (the store benchmark) chain them exactly
    /// as the store does.
    public static func computeHash(
        seq: Int64, at: Int64, kind: String, proposalID: Int64?, actor: String, details: String,
        previousHash: String
    ) -> String {
        var bytes: [UInt8] = []
        hashedBytes(seq: seq, at: at, kind: kind, proposalID: proposalID, actor: actor, details: details, previousHash: previousHash, into: &bytes)
        return SHA256.hash(data: bytes).hexString
    }
}

/// What `audit --verify` found.
public enum AuditVerdict: Equatable, Sendable {
    /// The chain is whole: `count` entries, the last one with hash `head` (keep it
    /// somewhere else to detect a rewrite of the whole tail later).
    case intact(count: Int, head: String)
    /// The first place the chain breaks, and why.
    case broken(seq: Int64, reason: String)
}
