import Foundation

/// Streams of one JSON object per line (`go test -json`, Swift Testing's event stream).
enum JSONLines {
    /// Calls `body` with each non-blank line's object and its 1-based line number; a line
    /// that is not a JSON object is an error naming that line.
    static func forEach(
        in bytes: [UInt8], format: TestResultFormat,
        _ body: (_ object: [String: Any], _ line: Int) throws(TestResultError) -> Void
    ) throws(TestResultError) {
        var start = bytes.starts(with: XMLEncoding.byteOrderMark) ? 3 : 0
        var line = 1
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let text = bytes[start..<end]
            if !text.allSatisfy(XMLReader.isWhitespace) {
                try body(try object(text, line: line, format: format), line)
            }
            start = end + 1
            line += 1
        }
    }

    /// The top-level keys of one line's JSON object, or nil when it is not one.
    static func keys(of line: [UInt8]) -> Set<String>? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { return nil }
        return Set(object.keys)
    }

    private static func object(_ text: ArraySlice<UInt8>, line: Int, format: TestResultFormat) throws(TestResultError) -> [String: Any] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw TestResultError(format: format, line: line, reason: "not a JSON object" + (detail.map { " (\($0))" } ?? ""))
        }
        guard let object = parsed as? [String: Any] else {
            throw TestResultError(format: format, line: line, reason: "not a JSON object")
        }
        return object
    }
}
