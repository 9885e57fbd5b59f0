import Testing
@testable import AirlockCore

@Suite("SARIF import: malformed logs are errors that say where, never a crash")
struct SARIFMalformedTests {
    typealias S = SARIFSamples

    static let location = #"{"physicalLocation": {"artifactLocation": {"uri": "a.py"}, "region": {"startLine": 1}}}"#

    @Test(arguments: [
        (#"{"runs": []}"#, "sarif: version: missing"),
        (#"{"version": "2.0.0", "runs": []}"#, #"sarif: version: expected "2.1.0", found "2.0.0": only SARIF 2.1.0 is read"#),
        (#"{"version": 2.1, "runs": []}"#, "sarif: version: expected a string, found a number"),
        (#"{"version": "2.1.0"}"#, "sarif: runs: missing"),
        (#"{"version": "2.1.0", "runs": {}}"#, "sarif: runs: expected an array, found an object"),
        (#"[{"version": "2.1.0"}]"#, "sarif: expected an object, found an array"),
        (#"{"version": "2.1.0", "runs": [{"results": []}]}"#, "sarif: runs[0].tool: missing"),
        (#"{"version": "2.1.0", "runs": [{"tool": {}}]}"#, "sarif: runs[0].tool.driver: missing"),
        (#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": 7}}}]}"#, "sarif: runs[0].tool.driver.name: expected a string, found a number"),
        (#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a"}, {"name": "b"}]}}}]}"#,
         "sarif: runs[0].tool.driver.rules[1].id: missing"),
        (#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": {}}]}"#,
         "sarif: runs[0].results: expected an array, found an object"),
        (#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "originalUriBaseIds": {"%SRCROOT%": "file:///"}}]}"#,
         #"sarif: runs[0].originalUriBaseIds["%SRCROOT%"]: expected an object, found a string"#),
    ])
    func theLogsFrame(text: String, expected: String) {
        #expect(S.failure(text) == expected)
    }

    @Test(arguments: [
        (#"{"ruleId": "a", "locations": "a.py"}"#, "runs[0].results[3].locations: expected an array, found a string"),
        (#"{"ruleId": "a", "locations": ["a.py"]}"#, "runs[0].results[3].locations[0]: expected an object, found a string"),
        (#"{"ruleId": "a", "level": "critical"}"#, #"runs[0].results[3].level: expected one of none, note, warning, error, found "critical""#),
        (#"{"ruleId": "a", "kind": "bad"}"#, #"runs[0].results[3].kind: expected one of fail, pass, notApplicable, open, review, informational, found "bad""#),
        (#"{"ruleIndex": 7}"#, "runs[0].results[3].ruleIndex: rule 7 does not exist: probe lists 1"),
        (#"{"ruleIndex": 1.5}"#, "runs[0].results[3].ruleIndex: expected a whole number from -1 to 2147483647, found 1.5"),
        (#"{"ruleIndex": 0, "ruleId": "other"}"#, #"runs[0].results[3].ruleId: "other" is not the id of rule 0, "a""#),
        (#"{"ruleId": 5}"#, "runs[0].results[3].ruleId: expected a string, found a number"),
        (#"{"message": "text"}"#, "runs[0].results[3].message: expected an object, found a string"),
        (#"{"rule": {"toolComponent": {"index": 2}}}"#, "runs[0].results[3].rule.toolComponent.index: extension 2 does not exist: the tool has 0"),
        (#"{"locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}"#,
         "runs[0].results[3].locations[0].physicalLocation.region.startLine: expected a whole number from 1 to 2147483647, found 0"),
        (#"{"locations": [{"physicalLocation": {"region": {"startLine": "5"}}}]}"#,
         "runs[0].results[3].locations[0].physicalLocation.region.startLine: expected a whole number, found a string"),
        (#"{"locations": [{"physicalLocation": {"region": {"startLine": 9, "endLine": 3}}}]}"#,
         "runs[0].results[3].locations[0].physicalLocation.region.endLine: 3 is before startLine 9"),
        (#"{"locations": [{"physicalLocation": {"artifactLocation": {"uri": ["a"]}}}]}"#,
         "runs[0].results[3].locations[0].physicalLocation.artifactLocation.uri: expected a string, found an array"),
        (#"{"locations": [{"physicalLocation": {"artifactLocation": {"index": 0}}}]}"#,
         "runs[0].results[3].locations[0].physicalLocation.artifactLocation.index: artifact 0 does not exist: the run lists 0"),
        (#"{"suppressions": [{"status": 3}]}"#, "runs[0].results[3].suppressions[0].status: expected a string, found a number"),
        ("[]", "runs[0].results[3]: expected an object, found an array"),
    ])
    func theFourthResult(result: String, expected: String) {
        let fine = S.result("a")
        let text = S.log(results: [fine, fine, fine, result].joined(separator: ","), rules: #"[{"id": "a"}]"#)
        #expect(S.failure(text, source: "semgrep") == "semgrep (sarif): " + expected)
    }

    @Test(arguments: ["", "not json", "{", #"{"version": "2.1.0", "runs": [}"#, "\u{FEFF}", #"{"a": 1e400}"#])
    func textThatIsNotJSONSaysSo(text: String) throws {
        let failure = try #require(S.failure(text))
        #expect(failure.hasPrefix("sarif: not valid JSON"), "\(failure)")
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() throws {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let failure = try #require(S.failure(text))
        #expect(failure.hasPrefix("sarif: not valid JSON"))
        let nested = #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": "# + String(repeating: #"{"a":"#, count: 600) + "1" + String(repeating: "}", count: 601) + "]}]}"
        #expect(S.failure(nested)?.hasPrefix("sarif: not valid JSON") == true)
    }

    @Test func invalidUTF8IsAnErrorNotACrash() {
        var bytes = Array(S.log(results: S.result()).utf8)
        bytes.insert(contentsOf: [0xFF, 0xC0], at: bytes.count - 10)
        #expect(throws: ExternalFindingsError.self) { try ExternalFindings.parseSARIF(bytes) }
    }

    /// Every prefix of a real log, and the log with any one byte changed, either reads or
    /// fails with an `ExternalFindingsError`; nothing else.
    @Test func everyTruncationAndOneByteChangeOfARealLogFailsCleanly() {
        let bytes = Array(S.semgrep.utf8)
        var failures = 0
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            do { _ = try ExternalFindings.parseSARIF(Array(bytes[..<cut])) } catch { failures += 1 }
        }
        for (index, replacement) in zip(stride(from: 0, to: bytes.count, by: 5), [UInt8](repeating: 0, count: bytes.count).indices.map { UInt8(truncatingIfNeeded: $0 &* 37) }) {
            var changed = bytes
            changed[index] = replacement
            do { _ = try ExternalFindings.parseSARIF(changed) } catch { failures += 1 }
        }
        #expect(failures > bytes.count / 7, "truncated logs fail")
    }
}
