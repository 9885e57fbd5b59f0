import AirlockCore

/// Where the cursor of the diff pane is: the file, hunk and line under it.
public struct DiffPoint: Sendable, Equatable {
    public var file: Int
    public var path: String
    public var hunk: Int?
    /// Index into the hunk's lines.
    public var line: Int?
    public var kind: HunkLine.Kind?
    public var oldLine: Int?
    public var newLine: Int?
}

/// The diff pane's view of the open proposal (placeholder until the diff view lands).
public struct DiffPaneState: Sendable {
    struct Row: Sendable {
        var point: DiffPoint
        var text: String
        var role: StyleRole
    }

    var rows: [Row] = []
    public var cursor = 0
    public var top = 0

    public init(patch: Patch) {
        for (f, file) in patch.files.enumerated() {
            rows.append(Row(point: DiffPoint(file: f, path: file.path), text: file.path, role: .diffFileHeader))
            for (h, hunk) in file.hunks.enumerated() {
                rows.append(Row(point: DiffPoint(file: f, path: file.path, hunk: h), text: "@@ -\(hunk.oldStart),\(hunk.oldCount) +\(hunk.newStart),\(hunk.newCount) @@", role: .diffHunkHeader))
                var old = hunk.oldStart, new = hunk.newStart
                for (l, line) in hunk.lines.enumerated() {
                    var point = DiffPoint(file: f, path: file.path, hunk: h, line: l, kind: line.kind)
                    var text = String(decoding: line.text, as: UTF8.self)
                    if text.hasSuffix("\n") { text.removeLast() }
                    switch line.kind {
                    case .context:
                        point.oldLine = old; point.newLine = new; old += 1; new += 1
                        rows.append(Row(point: point, text: " " + text, role: .diffContext))
                    case .added:
                        point.newLine = new; new += 1
                        rows.append(Row(point: point, text: "+" + text, role: .diffAdded))
                    case .removed:
                        point.oldLine = old; old += 1
                        rows.append(Row(point: point, text: "-" + text, role: .diffRemoved))
                    }
                }
            }
        }
    }

    public var point: DiffPoint? { rows.indices.contains(cursor) ? rows[cursor].point : nil }

    public mutating func move(by delta: Int) { cursor = max(0, min(rows.count - 1, cursor + delta)) }
    public mutating func moveTo(end: Bool) { cursor = end ? max(0, rows.count - 1) : 0 }
    public mutating func nextHunk(_ forward: Bool) {
        let start = cursor
        var i = start
        while true {
            i += forward ? 1 : -1
            guard rows.indices.contains(i) else { return }
            if rows[i].role == .diffHunkHeader { cursor = i; return }
        }
    }
    public mutating func nextFile(_ forward: Bool) {
        var i = cursor
        while true {
            i += forward ? 1 : -1
            guard rows.indices.contains(i) else { return }
            if rows[i].role == .diffFileHeader { cursor = i; return }
        }
    }
}
