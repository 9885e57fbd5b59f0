import AirlockCore

/// A patch laid out as rows for the diff pane: file headers, hunk headers and lines, in
/// the unified layout and in the side-by-side one (where a removed line and the added line
/// it pairs with share a row).
///
/// Built once per patch and immutable. It keeps the hunks' lines as the patch holds them
/// (slices of the patch's bytes, no `String` per line) and a few integers per line, so a
/// row is found by a binary search and drawn without walking the patch. Building walks
/// every line once: 7–10 ms for 100,000 lines in a release build on a busy machine, about
/// half of it `Hunk.lines` making its values. That is more than a frame, so the cockpit
/// should build the document of a large patch off its loop (it is `Sendable`) and show
/// it when it arrives.
public struct DiffDocument: Sendable {
    /// What the file header shows about one file entry.
    public struct File: Sendable, Equatable {
        public var path: String
        /// The old path of a rename or copy.
        public var oldPath: String?
        public var operation: FilePatch.Operation
        public var similarity: Int?
        public var added: Int
        public var removed: Int
        public var oldMode: FileMode?
        public var newMode: FileMode?
        public var isBinary: Bool
        public var lineEndings: LineEndings
        /// The file's hunks, as indices into the document's hunks.
        public var hunks: Range<Int>
    }

    /// The line endings of the lines a file entry shows.
    public struct LineEndings: Sendable, Equatable {
        public var crlf = false
        public var lf = false
        /// A line, old or new, is the last of its file and has no newline.
        public var missingFinalNewline = false
        /// Every line ends in CRLF: the `\r` is left out of each line and the header says so.
        public var isCRLF: Bool { crlf && !lf }
        public var isMixed: Bool { crlf && lf }
    }

    struct HunkEntry: Sendable {
        var file: Int
        /// The hunk's index within its file.
        var index: Int
        var oldStart: Int, oldCount: Int, newStart: Int, newCount: Int
        var section: Bytes
        /// Where its lines start in `lines`.
        var firstLine: Int
        var lineCount: Int
        /// Where its side-by-side rows start in `splitPairs`.
        var firstSplit: Int
        var splitCount: Int
    }

    /// One file header or hunk: the rows it starts in each layout.
    struct Section: Sendable {
        /// `-1 - file` for a file header, the hunk's index otherwise.
        var item: Int
        var unifiedStart: Int
        var splitStart: Int
    }

    public let files: [File]
    /// Per file: the language its lines are coloured as, nil for none.
    let languages: [SyntaxLanguage?]
    let hunks: [HunkEntry]
    let sections: [Section]
    /// Every line of every hunk, in order.
    let lines: [HunkLine]
    /// Per line: its number in the old file and in the new file, 0 where it has none.
    let oldNumbers: [UInt32], newNumbers: [UInt32]
    /// Per line: its side-by-side row, counted from its hunk's first.
    let splitRowOfLine: [UInt32]
    /// Per side-by-side row: the line (global index) on the left and on the right, -1 for none.
    let splitPairs: [SplitPair]
    public let unifiedRowCount: Int
    public let splitRowCount: Int
    /// The widest line number, for the gutters.
    public let numberWidth: Int
    /// Lines added and removed in all files.
    public let added: Int, removed: Int

    struct SplitPair: Sendable {
        var old: Int32
        var new: Int32
    }

    public init(_ patch: Patch) {
        var files: [File] = [], hunks: [HunkEntry] = [], sections: [Section] = []
        var lines: [HunkLine] = [], oldNumbers: [UInt32] = [], newNumbers: [UInt32] = [], splitRowOfLine: [UInt32] = []
        var splitPairs: [SplitPair] = []
        let total = patch.files.reduce(0) { sum, file in file.hunks.reduce(sum) { $0 + $1.lineCount } }
        lines.reserveCapacity(total)
        oldNumbers.reserveCapacity(total)
        newNumbers.reserveCapacity(total)
        splitRowOfLine.reserveCapacity(total)
        splitPairs.reserveCapacity(total)
        var unified = 0, split = 0, widest = 1
        for (f, file) in patch.files.enumerated() {
            sections.append(Section(item: -1 - f, unifiedStart: unified, splitStart: split))
            unified += 1
            split += 1
            var endings = LineEndings()
            let firstHunk = hunks.count
            for (h, hunk) in file.hunks.enumerated() {
                sections.append(Section(item: hunks.count, unifiedStart: unified, splitStart: split))
                let firstLine = lines.count, firstSplit = splitPairs.count
                var old = UInt32(hunk.oldCount == 0 ? hunk.oldStart + 1 : hunk.oldStart)
                var new = UInt32(hunk.newCount == 0 ? hunk.newStart + 1 : hunk.newStart)
                // Removed lines waiting for added ones to pair with, as rows already made.
                var pendingRemoved: [Int] = [], pairedAdded = 0
                for line in hunk.lines {
                    let index = lines.count
                    lines.append(line)
                    Self.note(line.text, in: &endings)
                    switch line.kind {
                    case .context:
                        pendingRemoved.removeAll(keepingCapacity: true)
                        pairedAdded = 0
                        oldNumbers.append(old)
                        newNumbers.append(new)
                        old += 1
                        new += 1
                        splitRowOfLine.append(UInt32(splitPairs.count - firstSplit))
                        splitPairs.append(SplitPair(old: Int32(index), new: Int32(index)))
                    case .removed:
                        if pairedAdded > 0 {
                            // A removed line after added ones starts a new change block.
                            pendingRemoved.removeAll(keepingCapacity: true)
                            pairedAdded = 0
                        }
                        oldNumbers.append(old)
                        newNumbers.append(0)
                        old += 1
                        pendingRemoved.append(splitPairs.count)
                        splitRowOfLine.append(UInt32(splitPairs.count - firstSplit))
                        splitPairs.append(SplitPair(old: Int32(index), new: -1))
                    case .added:
                        oldNumbers.append(0)
                        newNumbers.append(new)
                        new += 1
                        if pairedAdded < pendingRemoved.count {
                            let row = pendingRemoved[pairedAdded]
                            splitPairs[row].new = Int32(index)
                            splitRowOfLine.append(UInt32(row - firstSplit))
                        } else {
                            splitRowOfLine.append(UInt32(splitPairs.count - firstSplit))
                            splitPairs.append(SplitPair(old: -1, new: Int32(index)))
                        }
                        pairedAdded += 1
                    }
                }
                widest = max(widest, Int(max(old, new)))
                let lineCount = lines.count - firstLine, splitCount = splitPairs.count - firstSplit
                hunks.append(HunkEntry(
                    file: f, index: h, oldStart: hunk.oldStart, oldCount: hunk.oldCount, newStart: hunk.newStart,
                    newCount: hunk.newCount, section: hunk.section, firstLine: firstLine, lineCount: lineCount,
                    firstSplit: firstSplit, splitCount: splitCount))
                unified += 1 + lineCount
                split += 1 + splitCount
            }
            files.append(File(
                path: file.path, oldPath: file.operation == .rename || file.operation == .copy ? file.oldPath : nil,
                operation: file.operation, similarity: file.similarity,
                added: file.addedLineCount, removed: file.removedLineCount,
                oldMode: file.oldMode, newMode: file.newMode, isBinary: file.binary != nil,
                lineEndings: endings, hunks: firstHunk..<hunks.count))
        }
        self.files = files
        languages = files.map { SyntaxLanguage(path: $0.path) }
        self.hunks = hunks
        self.sections = sections
        self.lines = lines
        self.oldNumbers = oldNumbers
        self.newNumbers = newNumbers
        self.splitRowOfLine = splitRowOfLine
        self.splitPairs = splitPairs
        unifiedRowCount = unified
        splitRowCount = split
        numberWidth = String(widest).count
        added = files.reduce(0) { $0 + $1.added }
        removed = files.reduce(0) { $0 + $1.removed }
    }

    private static func note(_ text: Bytes, in endings: inout LineEndings) {
        let n = text.count
        guard n > 0, text[text.endIndex - 1] == UInt8(ascii: "\n") else {
            endings.missingFinalNewline = true
            return
        }
        if n > 1, text[text.endIndex - 2] == UInt8(ascii: "\r") { endings.crlf = true } else { endings.lf = true }
    }

    public var isEmpty: Bool { files.isEmpty }

    public func rowCount(_ layout: DiffLayoutMode) -> Int {
        layout == .unified ? unifiedRowCount : splitRowCount
    }
}

/// The layout rows are counted in: the unified one, or side by side.
public enum DiffLayoutMode: String, Sendable, Equatable, CaseIterable {
    case unified, sideBySide
}
