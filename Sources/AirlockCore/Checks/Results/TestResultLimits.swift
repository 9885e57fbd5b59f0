/// Bounds on what one result file can make Airlock keep, whoever wrote it.
public enum TestResultLimits {
    /// More cases than this and the file is refused rather than half read.
    public static let maximumCases = 100_000
    /// A case keeps the last this many bytes of its output, and says how much was cut.
    public static let maximumOutputBytes = 64 * 1024
    /// A message keeps its first this many bytes: its first line is what a reviewer reads.
    public static let maximumMessageBytes = 4 * 1024
    /// Names and suites keep their first this many bytes.
    public static let maximumNameBytes = 1024
}

/// The cases of one file as a parser finds them, refusing more than the limit.
struct CaseCollector {
    let format: TestResultFormat
    private(set) var cases: [TestCase] = []

    init(_ format: TestResultFormat) {
        self.format = format
    }

    /// Adds a case and returns its index, for parsers that complete cases later.
    @discardableResult
    mutating func append(_ testCase: TestCase, line: Int? = nil) throws(TestResultError) -> Int {
        guard cases.count < TestResultLimits.maximumCases else {
            throw TestResultError(format: format, line: line, reason: "more than \(TestResultLimits.maximumCases) test cases")
        }
        cases.append(testCase)
        return cases.count - 1
    }

    /// Appends to a case's output in place (rebuilding the string each time would be quadratic).
    mutating func appendOutput(_ text: String, to index: Int) {
        if cases[index].output == nil {
            cases[index].output = text
        } else {
            cases[index].output?.append(text)
        }
    }

    subscript(index: Int) -> TestCase {
        get { cases[index] }
        set { cases[index] = newValue }
    }
}

extension TestCase {
    /// The case with its texts cut to `TestResultLimits`: names and messages keep their
    /// beginning, output its end, and each says what was cut.
    func bounded() -> TestCase {
        var copy = self
        copy.name = Self.head(name, TestResultLimits.maximumNameBytes)
        copy.suite = suite.map { Self.head($0, TestResultLimits.maximumNameBytes) }
        copy.message = message.map { Self.head($0, TestResultLimits.maximumMessageBytes) }
        copy.output = output.map { Self.tail($0, TestResultLimits.maximumOutputBytes) }
        return copy
    }

    static func head(_ text: String, _ limit: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > limit else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: limit)
        // Back up to the start of a character so the cut leaves valid UTF-8.
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        return String(decoding: utf8[..<end], as: UTF8.self) + "… [\(utf8.count - utf8.distance(from: utf8.startIndex, to: end)) bytes cut]"
    }

    static func tail(_ text: String, _ limit: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > limit else { return text }
        var start = utf8.index(utf8.endIndex, offsetBy: -limit)
        while start < utf8.endIndex, utf8[start] & 0xC0 == 0x80 { start = utf8.index(after: start) }
        let cut = utf8.distance(from: utf8.startIndex, to: start)
        return "[… the first \(cut) bytes of output were cut]\n" + String(decoding: utf8[start...], as: UTF8.self)
    }
}
