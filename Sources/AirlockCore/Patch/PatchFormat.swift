/// The ways a change can be written, each read into the one canonical `Patch`.
public enum PatchFormat: String, CaseIterable, Sendable, Codable {
    /// `git diff` / `git format-patch` output.
    case git
    /// `diff -u` / `diff -urN` output.
    case unified
    /// Codex's `*** Begin Patch` format, located by content.
    case codex
    /// Aider's `<<<<<<< SEARCH` / `>>>>>>> REPLACE` blocks.
    case aider
    /// A JSON request of search/replace edits and whole-file writes.
    case edits

    /// Recognises the format from the text, or says why it is not a patch Airlock reads.
    public static func detect(_ bytes: [UInt8]) throws(PatchParseError) -> PatchFormat {
        try detect(Bytes(bytes))
    }

    public static func detect(_ text: Bytes) throws(PatchParseError) -> PatchFormat {
        var cursor = LineCursor(text)
        var sawMinus = false
        var firstContent: Range<Int>?
        var lines = 0
        while let line = cursor.peek() {
            lines += 1
            if firstContent == nil, line.contains(where: { !isSpace(text[$0]) }) { firstContent = line }
            if cursor.starts(line, with: "*** Begin Patch") { return .codex }
            if cursor.starts(line, with: "diff --git ") { return .git }
            if cursor.starts(line, with: "<<<<<<< SEARCH") { return .aider }
            if cursor.starts(line, with: "--- ") { sawMinus = true }
            if sawMinus, cursor.starts(line, with: "+++ "), let next = cursor.peekSecond(), cursor.starts(next, with: "@@ -") {
                return .unified
            }
            if !cursor.starts(line, with: "--- ") && !cursor.starts(line, with: "+++ ") { sawMinus = false }
            if cursor.starts(line, with: "***************") {
                throw PatchParseError(line: cursor.lineNumber, "context diffs (`diff -c`) are not accepted: send a unified diff (`diff -u`) or a git diff")
            }
            cursor.advance()
        }
        if let first = firstContent {
            let head = text[first].drop(while: isSpace)
            if head.first == UInt8(ascii: "{") { return .edits }
            if isEdCommand(Array(text[first])) {
                throw PatchParseError(line: 1, "ed-style diffs (`diff -e`) are refused: ed scripts can run shell commands (CVE-2018-1000156); send a unified or git diff")
            }
        }
        if text.isEmpty || firstContent == nil {
            throw PatchParseError(line: nil, "empty input: expected a patch")
        }
        throw PatchParseError(line: nil, "not a patch: found no `diff --git` header, no `---`/`+++` file header followed by `@@`, no `*** Begin Patch`, no `<<<<<<< SEARCH` block and no JSON edit request")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// `12a`, `3,5c`, `7d`: the first line of an ed script.
    private static func isEdCommand(_ line: [UInt8]) -> Bool {
        var body = line
        while let last = body.last, last == 0x0A || last == 0x0D { body.removeLast() }
        guard let command = body.last, [UInt8(ascii: "a"), UInt8(ascii: "c"), UInt8(ascii: "d")].contains(command) else { return false }
        let address = body.dropLast()
        guard let first = address.first, (0x30...0x39).contains(first) else { return false }
        return address.allSatisfy { (0x30...0x39).contains($0) || $0 == UInt8(ascii: ",") }
    }
}
