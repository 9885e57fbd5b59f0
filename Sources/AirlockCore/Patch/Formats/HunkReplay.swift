/// Replays hunks whose old ranges are already exact positions in a file (as a resolver
/// that located them by content produces), giving the file's new content.
enum HunkReplay {
    static func newContent(of content: [UInt8], applying hunks: [Hunk]) -> [UInt8] {
        let lines = TextLines.split(content)
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var cursor = 0
        for hunk in hunks {
            let start = min(max(hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1, cursor), lines.count)
            for line in lines[cursor..<start] { out.append(contentsOf: line) }
            for line in hunk.newLines { out.append(contentsOf: line) }
            cursor = min(start + hunk.oldCount, lines.count)
        }
        for line in lines[cursor...] { out.append(contentsOf: line) }
        return out
    }
}
