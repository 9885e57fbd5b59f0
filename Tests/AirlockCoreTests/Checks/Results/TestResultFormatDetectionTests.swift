import Testing
@testable import AirlockCore

/// Which format a file is, from its first meaningful line.
@Suite("Test result format detection")
struct TestResultFormatDetectionTests {
    @Test(arguments: [
        ("<?xml version=\"1.0\"?><testsuites/>", TestResultFormat.junit as TestResultFormat?),
        ("\u{FEFF}\n  <testsuite/>", .junit),
        ("{\"Time\":\"t\",\"Action\":\"start\",\"Package\":\"p\"}\n", .goTestJSON),
        (#"{"kind":"test","payload":{"id":"M.Action","name":"Action"},"version":0}"#, .swiftTestingEvents),
        (#"{"kind":"test","payload":{"id":"M.x","name":"\"Action\""},"version":0}"#, .swiftTestingEvents),
        ("TAP version 14\n", .tap),
        ("1..3\nok 1\n", .tap),
        ("{\"unrelated\": true}\n", nil),
        ("{ not json\n", nil),
        ("Build complete!\nAll good.\n", nil),
    ])
    func detects(_ text: String, _ format: TestResultFormat?) {
        #expect(TestResultFormat.detect(Array(text.utf8)) == format)
    }

    @Test func anUnrecognisedFileIsAClearError() {
        #expect(throws: TestResultError(format: nil, line: 1, reason: "the format is not recognised: not JUnit XML, TAP, go test -json or a Swift Testing event stream")) {
            try TestResults.parse(Array("Build complete!\n".utf8), format: nil)
        }
    }
}
