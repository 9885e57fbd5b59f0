/// A parsed XML document: its root element and a way back from byte offsets to lines.
struct XMLTree {
    /// One element with its attributes, child elements and the character data directly
    /// inside it (text and CDATA, references resolved; comments and instructions dropped).
    struct Element {
        var name: String
        var attributes: [String: String]
        var children: [Element]
        var text: String
        /// Offset of its `<` in the input, for `XMLTree.location(of:)`.
        var offset: Int

        /// Its child elements named `name`, in order.
        func children(named name: String) -> [Element] {
            children.filter { $0.name == name }
        }

        func child(named name: String) -> Element? {
            children.first { $0.name == name }
        }
    }

    var root: Element
    let lines: LineIndex

    /// 1-based line and column (in characters) of a byte offset in the input.
    func location(of offset: Int) -> (line: Int, column: Int) {
        lines.location(of: offset)
    }
}

/// Where each line starts, so an offset becomes a line and column only when one is needed
/// (an error, a case without a name) rather than being counted at every byte.
struct LineIndex {
    private let bytes: [UInt8]
    private let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.starts = starts
    }

    /// 1-based line, and 1-based column counted in Unicode scalars from the line's start
    /// (which costs the line's length: for errors, not for every element).
    func location(of offset: Int) -> (line: Int, column: Int) {
        let clamped = min(max(offset, 0), bytes.count)
        let line = line(of: clamped)
        // UTF-8 continuation bytes (10xxxxxx) do not start a character.
        let column = bytes[starts[line - 1]..<clamped].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return (line, column)
    }

    /// 1-based line of a byte offset, in logarithmic time.
    func line(of offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }
}
