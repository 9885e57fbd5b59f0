import AirlockCore

/// What the cursor of the diff pane is on, for the cockpit's keys: space toggles the
/// hunk (or the file on its header), `v` the line, `c` comments on the line.
public struct DiffTarget: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case file, hunk
        case line(HunkLine.Kind)
    }

    public var kind: Kind
    /// The file entry's index in the patch.
    public var file: Int
    public var path: String
    /// The hunk's index within its file; nil on a file header.
    public var hunk: Int?
    /// The line's index in its hunk's `lines` (as `HunkSelection.lines` counts); only on lines.
    public var line: Int?
    public var oldLine: Int?
    public var newLine: Int?

    public var hunkRef: HunkSelection.HunkRef? { hunk.map { HunkSelection.HunkRef(file: file, hunk: $0) } }

    /// A comment on this line: on its new number, or its old one for a removed line; nil
    /// off lines.
    public func comment(_ text: String) -> LineComment? {
        guard case .line(let kind) = kind else { return nil }
        if kind == .removed { return oldLine.map { LineComment(path: path, line: $0, side: .old, text: text) } }
        return newLine.map { LineComment(path: path, line: $0, side: .new, text: text) }
    }
}

extension DiffViewState {
    /// What the cursor is on; side by side, a row holding two lines means the
    /// `preferredSide` one.
    public func cursorTarget(in document: DiffDocument) -> DiffTarget? {
        switch document.row(cursor, layout) {
        case nil: return nil
        case .file(let f):
            return DiffTarget(kind: .file, file: f, path: document.files[f].path)
        case .hunk(let h):
            let hunk = document.hunks[h]
            return DiffTarget(kind: .hunk, file: hunk.file, path: document.files[hunk.file].path, hunk: hunk.index)
        case .line(let l):
            return Self.target(line: l, document)
        case .pair(_, let old, let new):
            guard let line = preferredSide == .old ? (old ?? new) : (new ?? old) else { return nil }
            return Self.target(line: line, document)
        }
    }

    private static func target(line: Int, _ document: DiffDocument) -> DiffTarget {
        let hunk = document.hunks[document.hunk(ofLine: line)]
        return DiffTarget(
            kind: .line(document.kind(ofLine: line)), file: hunk.file, path: document.files[hunk.file].path,
            hunk: hunk.index, line: line - hunk.firstLine,
            oldLine: document.oldNumber(ofLine: line), newLine: document.newNumber(ofLine: line))
    }
}
