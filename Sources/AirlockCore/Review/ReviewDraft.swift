import Foundation

/// A review in progress: what the reviewer is looking at, what they chose, and what they
/// typed, with the approval or rejection it would make. A pure value the cockpit and the
/// line-mode review keep as their model; nothing is recorded until its `approval()` or
/// `rejection()` goes through a `ReviewService`.
public struct ReviewDraft: Equatable, Sendable {
    public let proposalID: Int64
    /// The digest of the whole proposal, as shown.
    public let proposalDigest: String
    public let title: String
    public let patch: Patch
    /// The chosen changed lines of every hunk, and the chosen file entries without hunks.
    private var chosenLines: [HunkSelection.HunkRef: Set<Int>]
    private var chosenEntries: Set<Int>
    /// The gates as they stand for the current selection; the owner refreshes them (through
    /// `ReviewService.gates(_:selection:)`) when the selection changes.
    public var gates: [GateResult]
    /// A typed reason per gate name; only failing gates' reasons are used.
    public var overrideReasons: [String: String] = [:]
    /// What the agent is told on a rejection.
    public var feedback: String = ""
    /// The reviewer's note on an approval, sent to the agent.
    public var note: String = ""
    /// The reviewer's remarks on single lines, in path and line order.
    public private(set) var comments: [LineComment] = []

    /// A draft with everything chosen.
    public init(proposalID: Int64, proposalDigest: String, title: String, patch: Patch, gates: [GateResult] = []) {
        self.proposalID = proposalID
        self.proposalDigest = proposalDigest
        self.title = title
        self.patch = patch
        self.gates = gates
        chosenLines = [:]
        chosenEntries = []
        selectAll()
    }

    /// A draft of a proposal as a service shows it, with its gates for the whole patch.
    public init(_ detail: ProposalDetail) throws {
        let proposal = detail.proposal
        self.init(proposalID: proposal.id, proposalDigest: proposal.digest, title: proposal.title, patch: try proposal.canonicalPatch(), gates: detail.gates)
    }

    // MARK: - choosing

    /// How much of the patch is chosen.
    public enum Coverage: Equatable, Sendable { case whole, partial, empty }

    public var coverage: Coverage { coverage(of: patch.files.indices) }

    /// How much of one file entry is chosen.
    public func coverage(ofFile file: Int) -> Coverage { coverage(of: file..<file + 1) }

    /// How much of one hunk is chosen.
    public func coverage(ofHunk ref: HunkSelection.HunkRef) -> Coverage {
        let all = changedLines(ref)
        let chosen = chosenLines[ref, default: []]
        return chosen.isEmpty ? (all.isEmpty ? .whole : .empty) : chosen == all ? .whole : .partial
    }

    /// Whether the changed line at `line` (an index into the hunk's `lines`) is chosen.
    public func isChosen(line: Int, in ref: HunkSelection.HunkRef) -> Bool {
        chosenLines[ref]?.contains(line) ?? false
    }

    public mutating func selectAll() {
        for f in patch.files.indices { setFile(f, chosen: true) }
    }

    public mutating func selectNone() {
        for f in patch.files.indices { setFile(f, chosen: false) }
    }

    /// Chooses the whole file entry unless it is wholly chosen already, then chooses none of it.
    public mutating func toggleFile(_ file: Int) {
        guard patch.files.indices.contains(file) else { return }
        setFile(file, chosen: coverage(ofFile: file) != .whole)
    }

    /// Chooses the whole hunk unless it is wholly chosen, then none of it. (A created,
    /// deleted, renamed or copied file taken in part does not form a patch: the approval
    /// is refused, saying so.)
    public mutating func toggleHunk(_ ref: HunkSelection.HunkRef) {
        guard hunkExists(ref) else { return }
        chosenLines[ref] = coverage(ofHunk: ref) == .whole ? [] : changedLines(ref)
    }

    /// Chooses or leaves one changed line; context lines and lines that are not there are
    /// ignored.
    public mutating func toggleLine(_ line: Int, in ref: HunkSelection.HunkRef) {
        guard hunkExists(ref), changedLines(ref).contains(line) else { return }
        if chosenLines[ref, default: []].remove(line) == nil { chosenLines[ref, default: []].insert(line) }
    }

    /// The selection as an approval names it: nil when everything is chosen. A file
    /// entry wholly chosen is named whole, a hunk wholly chosen as a hunk, the rest by line.
    public var selection: HunkSelection? {
        if coverage == .whole { return nil }
        var selection = HunkSelection()
        for (f, file) in patch.files.enumerated() {
            if coverage(ofFile: f) == .whole {
                selection.files.insert(f)
                continue
            }
            for h in file.hunks.indices {
                let ref = HunkSelection.HunkRef(file: f, hunk: h)
                switch coverage(ofHunk: ref) {
                case .whole: selection.hunks.insert(ref)
                case .partial: selection.lines[ref] = chosenLines[ref]
                case .empty: break
                }
            }
        }
        return selection
    }

    // MARK: - what it would approve

    /// The patch an approval would name: the whole one, or the chosen part.
    public func approvedPatch() throws -> Patch {
        guard let selection else { return patch }
        do {
            return try patch.selecting(selection)
        } catch {
            throw DecisionError.badSelection(error.message)
        }
    }

    /// The digest an approval would name: the proposal's own when all of it is chosen.
    public func approvedDigest() throws -> String {
        selection == nil ? proposalDigest : PatchDigest(of: try approvedPatch()).hex
    }

    /// The failing gates that still lack a reason.
    public var unexplainedGates: [GateResult] {
        gates.filter { !$0.passed && Self.trimmed(overrideReasons[$0.gate]).isEmpty }
    }

    /// The approval of what is chosen, under its digest. Refused when nothing is chosen,
    /// when the choice does not form a patch, or when a failing gate has no reason.
    public func approval() throws -> Approval {
        guard coverage != .empty else { throw DecisionError.nothingSelected }
        let digest = try approvedDigest()
        if let gate = unexplainedGates.first { throw DecisionError.gateNotOverridden(gate: gate.gate, detail: gate.detail) }
        let overrides = gates.filter { !$0.passed }.map { GateOverride(gate: $0.gate, reason: Self.trimmed(overrideReasons[$0.gate])) }
        let note = Self.trimmed(note)
        return Approval(id: proposalID, shownDigest: digest, selection: selection, overrides: overrides, note: note.isEmpty ? nil : note, comments: comments)
    }

    /// The rejection of the whole proposal with the feedback; refused when it is empty.
    public func rejection() throws -> Rejection {
        let text = Self.trimmed(feedback)
        guard !text.isEmpty else { throw DecisionError.emptyFeedback }
        return Rejection(id: proposalID, shownDigest: proposalDigest, feedback: text, comments: comments)
    }

    // MARK: - line comments

    /// Adds the comment, replacing one on the same line of the same side; an empty text removes it.
    public mutating func setComment(_ comment: LineComment) {
        removeComment(path: comment.path, line: comment.line, side: comment.side)
        guard !Self.trimmed(comment.text).isEmpty else { return }
        comments.append(comment)
        comments.sort { ($0.path, $0.side == .new ? 1 : 0, $0.line) < ($1.path, $1.side == .new ? 1 : 0, $1.line) }
    }

    public mutating func removeComment(path: String, line: Int, side: LineComment.Side = .new) {
        comments.removeAll { $0.path == path && $0.line == line && $0.side == side }
    }

    public func comment(path: String, line: Int, side: LineComment.Side = .new) -> LineComment? {
        comments.first { $0.path == path && $0.line == line && $0.side == side }
    }

    // MARK: - helpers

    private func hunkExists(_ ref: HunkSelection.HunkRef) -> Bool {
        patch.files.indices.contains(ref.file) && patch.files[ref.file].hunks.indices.contains(ref.hunk)
    }

    private func changedLines(_ ref: HunkSelection.HunkRef) -> Set<Int> {
        hunkExists(ref) ? patch.files[ref.file].hunks[ref.hunk].changedLineIndices : []
    }

    private mutating func setFile(_ f: Int, chosen: Bool) {
        let file = patch.files[f]
        if file.hunks.isEmpty {
            if chosen { chosenEntries.insert(f) } else { chosenEntries.remove(f) }
        }
        for h in file.hunks.indices {
            let ref = HunkSelection.HunkRef(file: f, hunk: h)
            chosenLines[ref] = chosen ? changedLines(ref) : []
        }
    }

    private func coverage(of files: Range<Int>) -> Coverage {
        var some = false, all = true
        for f in files {
            let file = patch.files[f]
            if file.hunks.isEmpty {
                if chosenEntries.contains(f) { some = true } else { all = false }
            }
            for h in file.hunks.indices {
                switch coverage(ofHunk: HunkSelection.HunkRef(file: f, hunk: h)) {
                case .whole: some = true
                case .partial: some = true; all = false
                case .empty: all = false
                }
            }
        }
        return all ? (some || files.isEmpty ? .whole : .empty) : some ? .partial : .empty
    }

    private static func trimmed(_ text: String?) -> String {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
