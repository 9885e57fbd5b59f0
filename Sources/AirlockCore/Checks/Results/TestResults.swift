/// Reads a test result file or stream, in any format Airlock knows, into per-case results.
public enum TestResults {
    /// Parses `bytes` as `format`, or as the format `TestResultFormat.detect` finds when
    /// `format` is nil. A file that is not what it claims to be throws, never passes.
    public static func parse(_ bytes: [UInt8], format: TestResultFormat?) throws(TestResultError) -> TestReport {
        let content = bytes.starts(with: XMLEncoding.byteOrderMark) ? bytes.dropFirst(3) : bytes[...]
        guard !content.allSatisfy(XMLReader.isWhitespace) else {
            throw TestResultError(format: format, line: 1, reason: "the file is empty")
        }
        guard let chosen = format ?? TestResultFormat.detect(bytes) else {
            throw TestResultError(format: nil, line: 1, reason: "the format is not recognised: not JUnit XML, TAP, go test -json or a Swift Testing event stream")
        }
        let cases: [TestCase]
        switch chosen {
        case .junit: cases = try JUnitResults.parse(bytes)
        case .tap: cases = try TAPResults.parse(bytes)
        case .goTestJSON: cases = try GoTestEvents.parse(bytes)
        case .swiftTestingEvents: cases = try SwiftTestingEvents.parse(bytes)
        }
        return TestReport(format: chosen, cases: cases.map { $0.bounded() })
    }
}

extension TestResultFormat {
    /// The format `bytes` look like, from their first meaningful line; nil when none fits.
    public static func detect(_ bytes: [UInt8]) -> TestResultFormat? {
        var start = bytes.starts(with: XMLEncoding.byteOrderMark) ? 3 : 0
        while start < bytes.count, XMLReader.isWhitespace(bytes[start]) { start += 1 }
        guard start < bytes.count else { return nil }
        if bytes[start] == UInt8(ascii: "<") { return .junit }
        if bytes[start] == UInt8(ascii: "{") {
            // The first line's keys, not its text: a test may be named "Action".
            let firstLine = Array(bytes[start..<(bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count)])
            guard let keys = JSONLines.keys(of: firstLine) else { return nil }
            if keys.contains("Action") { return .goTestJSON }
            if keys.contains("kind") && keys.contains("payload") { return .swiftTestingEvents }
            return nil
        }
        return TAPResults.looksLikeTAP(bytes) ? .tap : nil
    }
}
