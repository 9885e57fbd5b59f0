/// Aider's `diff` edit format: SEARCH/REPLACE blocks, each after the path of its file.
///
/// ````
/// src/app.py
/// ```python
/// <<<<<<< SEARCH
/// def greet():
///     print("hi")
/// =======
/// def greet(name):
///     print(f"hi {name}")
/// >>>>>>> REPLACE
/// ```
/// ````
///
/// The path is the line just before the block, or before its opening fence, or just after
/// that fence; a block with no path of its own belongs to the file of the block before.
/// Text around the blocks is ignored. Unlike Aider, matching is exact: the SEARCH lines
/// must occur exactly once, as whole lines, in the current file (after the earlier blocks
/// on it); an empty SEARCH creates a missing file.
public enum AiderBlocks {
    /// The blocks of `text` as edits, in order, for showing or forwarding them. Resolve
    /// with `resolve(_:workspace:)`, not `SearchReplace`: blocks match whole lines only.
    public static func parse(_ text: [UInt8]) throws(PatchFormatError) -> [Edit] {
        try AiderBlockParser(text).parse().map { block in
            Edit(
                path: block.path,
                old: String(decoding: block.search, as: UTF8.self),
                new: String(decoding: block.replace, as: UTF8.self))
        }
    }

    /// One entry per file, diffed from its current content; errors give the line of the
    /// block's `<<<<<<< SEARCH`.
    ///
    /// `workspace` is called with paths as written: it must keep reads inside the workspace.
    public static func resolve(_ text: [UInt8], workspace: WorkspaceContents) throws(PatchFormatError) -> Patch {
        let blocks = try AiderBlockParser(text).parse()
        return try TextReplacement.resolve(blocks.enumerated().map { i, block in
            TextReplacement(
                path: block.path, old: block.search, new: block.replace,
                replaceAll: false, matching: .wholeLines,
                name: "block \(i + 1)", oldName: "SEARCH text", line: block.line)
        }, workspace: workspace)
    }
}

struct AiderBlock {
    var path: String
    var search: [UInt8]
    var replace: [UInt8]
    /// Line of `<<<<<<< SEARCH`.
    var line: Int
}

/// Reads the blocks line by line; marker lines are recognised as Aider does (5 to 9
/// marker characters, trailing white space allowed).
struct AiderBlockParser {
    private let lines: [Bytes]

    init(_ text: [UInt8]) {
        lines = TextLines.split(text)
    }

    func parse() throws(PatchFormatError) -> [AiderBlock] {
        var blocks: [AiderBlock] = []
        var i = 0
        while i < lines.count {
            switch Marker(lines[i]) {
            case .search:
                let path = try path(before: i, previous: blocks.last?.path)
                let (block, next) = try readBlock(from: i, path: path)
                blocks.append(block)
                i = next
            case let stray?:
                throw PatchFormatError(line: i + 1, "\(stray.text) without a `<<<<<<< SEARCH` before it")
            case nil:
                i += 1
            }
        }
        guard !blocks.isEmpty else {
            throw PatchFormatError("no SEARCH/REPLACE block (expected a line `<<<<<<< SEARCH`)")
        }
        return blocks
    }

    private func readBlock(from start: Int, path: String) throws(PatchFormatError) -> (AiderBlock, Int) {
        var search: [UInt8] = [], replace: [UInt8] = []
        var i = start + 1
        var inReplace = false
        while i < lines.count {
            switch Marker(lines[i]) {
            case .search:
                throw PatchFormatError(line: i + 1, "`<<<<<<< SEARCH` inside the block that starts at line \(start + 1) (expected \(inReplace ? "`>>>>>>> REPLACE`" : "`=======`") first)")
            case .divider where !inReplace:
                inReplace = true
            case .divider:
                throw PatchFormatError(line: i + 1, "a second `=======` in the block that starts at line \(start + 1) (in this format a line of 5 to 9 `=` cannot be file content)")
            case .replace where inReplace:
                return (AiderBlock(path: path, search: search, replace: replace, line: start + 1), i + 1)
            case .replace:
                throw PatchFormatError(line: i + 1, "`>>>>>>> REPLACE` before the `=======` of the block that starts at line \(start + 1)")
            default:
                if inReplace { replace += lines[i] } else { search += lines[i] }
            }
            i += 1
        }
        let missing = inReplace ? "`>>>>>>> REPLACE`" : "`=======` and `>>>>>>> REPLACE`"
        throw PatchFormatError(line: start + 1, "unterminated SEARCH/REPLACE block: the text ends before \(missing)")
    }

    /// The file path written before the block at `index`.
    private func path(before index: Int, previous: String?) throws(PatchFormatError) -> String {
        var candidate = index - 1
        if candidate >= 0, isFence(lines[candidate]) {
            candidate -= 1  // path, fence, SEARCH
        } else if candidate >= 1, isFence(lines[candidate - 1]), let name = pathName(lines[candidate]) {
            return name  // fence, path, SEARCH
        }
        if candidate >= 0, let name = pathName(lines[candidate]) { return name }
        if let previous { return previous }
        throw PatchFormatError(line: index + 1, "SEARCH/REPLACE block without a file path (write the path on the line before the block or its opening fence)")
    }

    /// A path line: trimmed of white space, surrounding backticks and asterisks, a leading
    /// `#` and a trailing `:`, as models decorate it; nil for blank lines, fences, markers
    /// and prose that ends with a colon.
    private func pathName(_ line: Bytes) -> String? {
        guard Marker(line) == nil, !isFence(line) else { return nil }
        var text = Substring(String(decoding: line, as: UTF8.self)).trimmingWhitespace
        // "src/app.py:" names a file; "Here is the change:" is prose.
        if text.last == ":", text.contains(" ") { return nil }
        while let first = text.first, first == "#" || first == "*" || first == "`" { text = text.dropFirst() }
        while let last = text.last, last == "*" || last == "`" || last == ":" { text = text.dropLast() }
        text = text.trimmingWhitespace
        return text.isEmpty ? nil : String(text)
    }

    private func isFence(_ line: Bytes) -> Bool {
        let text = line.drop { $0 == 0x20 || $0 == 0x09 }
        return text.starts(with: Array("```".utf8))
    }
}

private enum Marker: Equatable {
    case search, divider, replace

    init?(_ line: Bytes) {
        var text = line.droppingTerminator
        while let last = text.last, last == 0x20 || last == 0x09 || last == 0x0D { text = text.dropLast() }
        func run(of byte: UInt8, then rest: String) -> Bool {
            let count = text.prefix { $0 == byte }.count
            return (5...9).contains(count) && text.dropFirst(count).elementsEqual(rest.utf8)
        }
        if run(of: UInt8(ascii: "<"), then: " SEARCH") {
            self = .search
        } else if run(of: UInt8(ascii: "="), then: "") {
            self = .divider
        } else if run(of: UInt8(ascii: ">"), then: " REPLACE") {
            self = .replace
        } else {
            return nil
        }
    }

    var text: String {
        switch self {
        case .search: "`<<<<<<< SEARCH`"
        case .divider: "`=======`"
        case .replace: "`>>>>>>> REPLACE`"
        }
    }
}

private extension Substring {
    var trimmingWhitespace: Substring {
        var text = self
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
