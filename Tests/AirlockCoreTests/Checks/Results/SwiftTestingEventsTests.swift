import Testing
@testable import AirlockCore

/// Swift Testing's event stream: the real one from `swift test`, cut the ways a crash cuts
/// it, and hand-written records in the shapes Swift 6.3 writes for versions 0 and 6.3.
@Suite("Swift Testing event stream")
struct SwiftTestingEventsTests {
    private func parse(_ text: String) throws(TestResultError) -> TestReport {
        try TestResults.parse(Array(text.utf8), format: nil)
    }

    private func refusal(_ text: String) -> TestResultError? {
        do {
            _ = try TestResults.parse(Array(text.utf8), format: .swiftTestingEvents)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - The real stream

    @Test(.requiresSwift) func swiftTestsOwnStream() throws {
        let bytes = try RealResultFiles.swiftFiles.get().events
        #expect(TestResultFormat.detect(bytes) == .swiftTestingEvents)
        let report = try TestResults.parse(bytes, format: nil)
        #expect(report.cases.map(\.name).sorted() == ["fails()", "passes()", "skipped()"])
        #expect(report.cases.allSatisfy { $0.suite == "TinyTests.TinySwiftTests" })
        let cases = Dictionary(report.cases.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(cases["passes()"]?.status == .passed)
        #expect(cases["passes()"]?.duration != nil)
        #expect(cases["fails()"]?.status == .failed)
        #expect(cases["fails()"]?.message?.hasPrefix("TinyTests/SwiftTests.swift:4: Expectation failed: ") == true)
        #expect(cases["fails()"]?.message?.hasSuffix(": three twice is not seven") == true)
        #expect(cases["skipped()"]?.status == .skipped)
        #expect(cases["skipped()"]?.message == "not today")
        #expect(!report.passed)
    }

    @Test(.requiresSwift) func aStreamCutShortByACrashIsNeverAPass() throws {
        let lines = try RealResultFiles.swiftFiles.get().events.split(separator: UInt8(ascii: "\n")).map { Array($0) }
        let text = lines.map { String(decoding: $0, as: UTF8.self) }
        // Everything up to, not including, the end of passes(): it started and never ended.
        let passesEnded = try #require(text.firstIndex { $0.contains("\"testEnded\"") && $0.contains("passes()") })
        let cut = try TestResults.parse(Array(text[..<passesEnded].joined(separator: "\n").utf8), format: .swiftTestingEvents)
        #expect(cut.cases.first { $0.name == "passes()" }?.status == .error)
        #expect(cut.cases.first { $0.name == "passes()" }?.message?.contains("never ended") == true)
        #expect(cut.cases.last?.name == "(run)")
        #expect(!cut.passed)
        // Every test ended, but the run did not: tests declared and never started may be lost.
        let runEnded = try #require(text.firstIndex { $0.contains("\"runEnded\"") })
        let noEnd = try TestResults.parse(Array(text[..<runEnded].joined(separator: "\n").utf8), format: .swiftTestingEvents)
        #expect(noEnd.cases.last?.name == "(run)")
        #expect(noEnd.cases.last?.status == .error)
        #expect(noEnd.cases.dropLast().allSatisfy { $0.status != .error })
        #expect(!noEnd.passed)
    }

    // MARK: - Shapes seen in version 0 and 6.3

    static func event(_ kind: String, _ id: String?, _ extra: String = "", version: String = "0", absolute: Double = 1) -> String {
        let test = id.map { #","testID":"\#($0)""# } ?? ""
        return #"{"kind":"event","payload":{"instant":{"absolute":\#(absolute),"since1970":1796043842.6},"kind":"\#(kind)","messages":[]\#(test)\#(extra)},"version":\#(version)}"#
    }

    static func test(_ id: String, _ name: String, kind: String = "function", version: String = "0") -> String {
        #"{"kind":"test","payload":{"id":"\#(id)","kind":"\#(kind)","name":"\#(name)","sourceLocation":{"column":6,"fileID":"M/F.swift","line":4}},"version":\#(version)}"#
    }

    @Test func knownIssuesAndWarningsDoNotFailAndSuiteIssuesAreErrors() throws {
        let known = #","issue":{"isKnown":true,"sourceLocation":{"fileID":"M/F.swift","line":7,"column":1}},"messages":[{"symbol":"passWithKnownIssue","text":"known"}]"#
        let warning = #","issue":{"isFailure":false,"isKnown":false,"severity":"warning"}"#
        let failure = #","issue":{"isFailure":true,"isKnown":false,"severity":"error"}"#
        let stream = [
            Self.test("M.S", "S", kind: "suite"),
            Self.test("M.S/known()/F.swift:7:6", "known()"),
            Self.test("M.S/warns()/F.swift:8:6", "warns()"),
            Self.event("runStarted", nil),
            Self.event("testStarted", "M.S"),
            Self.event("testStarted", "M.S/known()/F.swift:7:6", absolute: 1),
            Self.event("issueRecorded", "M.S/known()/F.swift:7:6", known),
            Self.event("testEnded", "M.S/known()/F.swift:7:6", absolute: 1.5),
            Self.event("testStarted", "M.S/warns()/F.swift:8:6"),
            Self.event("issueRecorded", "M.S/warns()/F.swift:8:6", warning, version: #""6.3.0""#),
            Self.event("testEnded", "M.S/warns()/F.swift:8:6"),
            Self.event("issueRecorded", "M.S", failure),
            Self.event("testEnded", "M.S"),
            Self.event("runEnded", nil),
        ].joined(separator: "\n")
        let report = try parse(stream)
        #expect(report.format == .swiftTestingEvents)
        #expect(report.cases.map(\.name) == ["known()", "warns()", "M.S"])
        #expect(report.cases.map(\.status) == [.passed, .passed, .error])
        #expect(report.cases[0].duration == 0.5)
        #expect(report.cases[0].output?.contains("(does not fail the test) M/F.swift:7: known") == true)
        #expect(report.cases[0].suite == "M.S")
    }

    @Test func eventsForUndeclaredTestsAndFreeFunctionsGetNamesFromTheirIds() throws {
        let report = try parse([
            Self.event("testStarted", "Mod.free()/F.swift:10:2"),
            Self.event("testEnded", "Mod.free()/F.swift:10:2"),
            Self.event("testStarted", "Mod.Outer/Inner/deep()/F.swift:5:10"),
            Self.event("issueRecorded", "Mod.Outer/Inner/deep()/F.swift:5:10", #","_testCase":{"displayName":"2"},"issue":{"isKnown":false}"#),
            Self.event("testEnded", "Mod.Outer/Inner/deep()/F.swift:5:10"),
            Self.event("issueRecorded", nil, #","issue":{"isKnown":false}"#),
            Self.event("runEnded", nil),
        ].joined(separator: "\n"))
        #expect(report.cases.map(\.name) == ["free()", "deep()", "(run)"])
        #expect(report.cases.map(\.suite) == ["Mod", "Mod.Outer.Inner", nil])
        #expect(report.cases.map(\.status) == [.passed, .failed, .error])
        #expect(report.cases[1].message?.hasPrefix("with 2: ") == true)
    }

    @Test(arguments: [
        (#"{"kind":"test","payload":{"id":"a"},"version":0}"# + "\nnot json", "not a JSON object", 2),
        (#"{"kind":"event","payload":{"kind":"runStarted"},"version":7}"#, "version 7 is not one Airlock reads", 1),
        (#"{"kind":"event","payload":{"kind":"runStarted"}}"#, "version missing", 1),
        (#"{"kind":"event","version":0}"#, "needs kind and payload", 1),
        (#"{"kind":"test","payload":{"name":"x"},"version":0}"#, "a test record without an id", 1),
        (#"{"kind":"event","payload":{"testID":"x"},"version":0}"#, "an event without a kind", 1),
        ("\n\n", "the file is empty", 1),
    ])
    func brokenStreamsAreClearErrors(_ text: String, _ reason: String, _ line: Int) {
        let error = refusal(text)
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
        #expect(error?.line == line)
    }

    @Test func testIdsAreTakenApart() {
        #expect(TestID("M.S/f()/F.swift:4:6").suite == "M.S")
        #expect(TestID("M.S/f()/F.swift:4:6").name == "f()")
        #expect(TestID("M.f()/F.swift:10:2").suite == "M")
        #expect(TestID("M.S").name == "M.S")
        #expect(TestID("M.S").suite == nil)
    }
}
