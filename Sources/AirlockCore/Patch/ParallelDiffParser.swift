import Foundation

/// Parses a large git diff on every core: the text is cut at `diff --git` lines, which
/// cannot occur inside a hunk body or a binary block, and the pieces are parsed at once.
/// The result and any error (with its line number) are the same as one sequential parse.
enum ParallelDiffParser {
    /// Below this size one core is faster than coordinating several.
    static let minimumParallelBytes = 4 << 20

    /// Pieces per core: more pieces than cores keep every core busy when one of them is
    /// slowed down (by another process, or by a piece that parses slower).
    static let piecesPerCore = 4

    static func parse(_ text: Bytes, strip: Int) throws(PatchParseError) -> Patch {
        let cores = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        let pieces = cores > 1 ? cut(text, into: min(cores * piecesPerCore, text.count / (1 << 20))) : [text.startIndex..<text.endIndex]
        guard pieces.count > 1 else {
            var parser = DiffParser(text, strip: strip)
            return try parser.parse()
        }
        let slots = Slots(count: pieces.count)
        defer { slots.buffer.deallocate() }
        guard let storage = text.storage else { return Patch(files: []) }
        DispatchQueue.concurrentPerform(iterations: pieces.count) { i in
            let window = ByteStorage(window: pieces[i], of: storage)
            var parser = DiffParser(window.bytes, strip: strip)
            // Each iteration writes only its own slot.
            slots.buffer[i] = Result { () throws(PatchParseError) in (try parser.parse(), parser.linesRead) }
        }
        var files: [FilePatch] = []
        var linesBefore = 0
        for result in slots.buffer {
            switch result {
            case .success(let (patch, lines))?:
                files += patch.files
                linesBefore += lines
            case .failure(var error)?:
                error.line = error.line.map { $0 + linesBefore }
                throw error
            case nil:
                throw PatchParseError(line: nil, "internal error: a piece of the patch was not parsed")
            }
        }
        return Patch(files: files)
    }

    private struct Slots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Result<(Patch, lines: Int), PatchParseError>?>
        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }
    }

    /// The offset of the first `diff --git ` line that starts after `offset`.
    private static func nextGitHeader(in text: Bytes, after offset: Int) -> Int? {
        var line = LineCursor.lineEnd(in: text, from: offset)
        while line < text.endIndex {
            let end = LineCursor.lineEnd(in: text, from: line)
            if LineCursor.starts(text, line..<end, with: "diff --git ") { return line }
            line = end
        }
        return nil
    }

    /// Ranges that each start at a `diff --git` line (but the first), of similar size.
    static func cut(_ text: Bytes, into count: Int) -> [Range<Int>] {
        guard count > 1, text.count >= minimumParallelBytes else { return [text.startIndex..<text.endIndex] }
        var starts = [text.startIndex]
        for k in 1..<count {
            let target = max(text.startIndex + text.count * k / count, starts[starts.count - 1] + 1)
            guard let start = nextGitHeader(in: text, after: target) else { break }
            starts.append(start)
        }
        return starts.indices.map { i in starts[i]..<(i + 1 < starts.count ? starts[i + 1] : text.endIndex) }
    }
}
