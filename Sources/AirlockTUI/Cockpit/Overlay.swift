import AirlockCore

/// What sits on top of the panes and takes the keys while it is open.
public enum Overlay: Sendable {
    case help(scroll: Int)
    case approve(ApproveDialog)
    case reject(RejectDialog)
    case comment(CommentBox)
    case search(TextField)
    case revert(RevertDialog)
}

/// Confirms an approval: what exactly is approved, its digest, checks and gates, and a
/// typed reason for every failing gate.
public struct ApproveDialog: Sendable {
    public struct Item: Sendable {
        public var id: Int64
        public var title: String
        public var agent: String
        public var digest: String
        public var selection: HunkSelection?
        public var files: [String]
        public var added: Int
        public var removed: Int
        /// Nil until read.
        public var gates: [GateResult]?
        public var comments: [LineComment] = []
        /// Why the selection cannot be approved, if it cannot.
        public var problem: String?
        /// Its current check runs, as read with it.
        public var checks: [CheckRun] = []
    }

    public var items: [Item]
    /// Reasons typed for failing gates, by proposal and gate.
    public var reasons: [Int64: [String: String]] = [:]
    /// The reason being typed: which proposal and gate.
    public var typing: (id: Int64, gate: String)?
    public var field = TextField()
    public var note = TextField()
    public var typingNote = false

    public var failingGates: [(id: Int64, gate: GateResult)] {
        items.flatMap { item in (item.gates ?? []).filter { !$0.passed }.map { (item.id, $0) } }
    }

    public var gatesKnown: Bool { items.allSatisfy { $0.gates != nil } }

    /// The first failing gate still without a reason.
    public var nextUnreasoned: (id: Int64, gate: String)? {
        failingGates.first { reasons[$0.id]?[$0.gate.gate]?.isEmpty ?? true }.map { ($0.id, $0.gate.gate) }
    }
}

public struct RejectDialog: Sendable {
    public var ids: [Int64]
    public var digests: [Int64: String]
    public var titles: [Int64: String]
    public var comments: [LineComment]
    public var feedback = TextField(multiline: true)
}

public struct CommentBox: Sendable {
    public var anchor: LineComment
    public var field: TextField
}

public struct RevertDialog: Sendable {
    public var id: Int64
    public var title: String
    /// Nil until the reverse patch is read.
    public var preview: (files: [String], added: Int, removed: Int, digest: String)?
    public var problem: String?
}

/// A line at the bottom of the screen saying what just happened.
public struct StatusMessage: Sendable, Equatable {
    public enum Kind: Sendable { case info, success, failure }
    public var text: String
    public var kind: Kind
    /// When it goes, in milliseconds since 1970.
    public var until: Int64

    public init(text: String, kind: Kind, until: Int64) {
        self.text = text
        self.kind = kind
        self.until = until
    }
}
