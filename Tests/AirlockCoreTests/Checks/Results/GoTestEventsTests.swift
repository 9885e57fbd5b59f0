import Testing
@testable import AirlockCore

/// `go test -json` in its documented shape (go is not installed here, so hand-written).
@Suite("go test -json results")
struct GoTestEventsTests {
    private func parse(_ text: String) throws(TestResultError) -> TestReport {
        try TestResults.parse(Array(text.utf8), format: nil)
    }

    private func refusal(_ text: String) -> TestResultError? {
        do {
            _ = try TestResults.parse(Array(text.utf8), format: .goTestJSON)
            return nil
        } catch {
            return error
        }
    }

    static let run = #"""
        {"Time":"2024-05-01T10:00:00.000Z","Action":"start","Package":"example.com/calc"}
        {"Time":"2024-05-01T10:00:00.001Z","Action":"run","Package":"example.com/calc","Test":"TestAdd"}
        {"Time":"2024-05-01T10:00:00.001Z","Action":"output","Package":"example.com/calc","Test":"TestAdd","Output":"=== RUN   TestAdd\n"}
        {"Time":"2024-05-01T10:00:00.002Z","Action":"output","Package":"example.com/calc","Test":"TestAdd","Output":"--- PASS: TestAdd (0.00s)\n"}
        {"Time":"2024-05-01T10:00:00.002Z","Action":"pass","Package":"example.com/calc","Test":"TestAdd","Elapsed":0}
        {"Time":"2024-05-01T10:00:00.003Z","Action":"run","Package":"example.com/calc","Test":"TestDiv"}
        {"Time":"2024-05-01T10:00:00.003Z","Action":"output","Package":"example.com/calc","Test":"TestDiv","Output":"=== RUN   TestDiv\n"}
        {"Time":"2024-05-01T10:00:00.003Z","Action":"run","Package":"example.com/calc","Test":"TestDiv/by_zero"}
        {"Time":"2024-05-01T10:00:00.003Z","Action":"output","Package":"example.com/calc","Test":"TestDiv/by_zero","Output":"=== RUN   TestDiv/by_zero\n"}
        {"Time":"2024-05-01T10:00:00.004Z","Action":"output","Package":"example.com/calc","Test":"TestDiv/by_zero","Output":"    calc_test.go:20: division by zero did not panic\n"}
        {"Time":"2024-05-01T10:00:00.004Z","Action":"output","Package":"example.com/calc","Test":"TestDiv/by_zero","Output":"--- FAIL: TestDiv/by_zero (0.00s)\n"}
        {"Time":"2024-05-01T10:00:00.004Z","Action":"fail","Package":"example.com/calc","Test":"TestDiv/by_zero","Elapsed":0}
        {"Time":"2024-05-01T10:00:00.013Z","Action":"output","Package":"example.com/calc","Test":"TestDiv","Output":"--- FAIL: TestDiv (0.01s)\n"}
        {"Time":"2024-05-01T10:00:00.013Z","Action":"fail","Package":"example.com/calc","Test":"TestDiv","Elapsed":0.01}
        {"Time":"2024-05-01T10:00:00.014Z","Action":"run","Package":"example.com/calc","Test":"TestSlow"}
        {"Time":"2024-05-01T10:00:00.014Z","Action":"output","Package":"example.com/calc","Test":"TestSlow","Output":"    calc_test.go:30: too slow for CI\n"}
        {"Time":"2024-05-01T10:00:00.014Z","Action":"output","Package":"example.com/calc","Test":"TestSlow","Output":"--- SKIP: TestSlow (0.00s)\n"}
        {"Time":"2024-05-01T10:00:00.014Z","Action":"skip","Package":"example.com/calc","Test":"TestSlow","Elapsed":0}
        {"Time":"2024-05-01T10:00:00.015Z","Action":"run","Package":"example.com/calc","Test":"TestParallel"}
        {"Time":"2024-05-01T10:00:00.015Z","Action":"pause","Package":"example.com/calc","Test":"TestParallel"}
        {"Time":"2024-05-01T10:00:00.016Z","Action":"cont","Package":"example.com/calc","Test":"TestParallel"}
        {"Time":"2024-05-01T10:00:00.017Z","Action":"pass","Package":"example.com/calc","Test":"TestParallel","Elapsed":0.25}
        {"Time":"2024-05-01T10:00:00.018Z","Action":"output","Package":"example.com/calc","Output":"FAIL\n"}
        {"Time":"2024-05-01T10:00:00.018Z","Action":"output","Package":"example.com/calc","Output":"FAIL\texample.com/calc\t0.018s\n"}
        {"Time":"2024-05-01T10:00:00.018Z","Action":"fail","Package":"example.com/calc","Elapsed":0.018}
        {"ImportPath":"example.com/broken [example.com/broken.test]","Action":"build-output","Output":"# example.com/broken [example.com/broken.test]\n"}
        {"ImportPath":"example.com/broken [example.com/broken.test]","Action":"build-output","Output":"./broken.go:3:1: syntax error: non-declaration statement outside function body\n"}
        {"ImportPath":"example.com/broken [example.com/broken.test]","Action":"build-fail"}
        {"Time":"2024-05-01T10:00:00.020Z","Action":"start","Package":"example.com/broken"}
        {"Time":"2024-05-01T10:00:00.020Z","Action":"output","Package":"example.com/broken","Output":"FAIL\texample.com/broken [build failed]\n"}
        {"Time":"2024-05-01T10:00:00.020Z","Action":"fail","Package":"example.com/broken","Elapsed":0,"FailedBuild":"example.com/broken [example.com/broken.test]"}
        {"Time":"2024-05-01T10:00:00.021Z","Action":"start","Package":"example.com/empty"}
        {"Time":"2024-05-01T10:00:00.021Z","Action":"output","Package":"example.com/empty","Output":"?   \texample.com/empty\t[no test files]\n"}
        {"Time":"2024-05-01T10:00:00.021Z","Action":"skip","Package":"example.com/empty","Elapsed":0}

        """#

    @Test func testsSubtestsSkipsAndABuildFailure() throws {
        let report = try parse(Self.run)
        #expect(report.format == .goTestJSON)
        #expect(report.cases.map(\.name) == ["TestAdd", "TestDiv", "TestDiv/by_zero", "TestSlow", "TestParallel", "example.com/broken"])
        #expect(report.cases.map(\.status) == [.passed, .failed, .failed, .skipped, .passed, .error])
        let cases = Dictionary(report.cases.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(cases["TestAdd"]?.suite == "example.com/calc")
        #expect(cases["TestAdd"]?.output == "=== RUN   TestAdd\n--- PASS: TestAdd (0.00s)\n")
        #expect(cases["TestDiv/by_zero"]?.message == "calc_test.go:20: division by zero did not panic")
        #expect(cases["TestDiv"]?.duration == 0.01)
        #expect(cases["TestSlow"]?.message == "calc_test.go:30: too slow for CI")
        #expect(cases["TestParallel"]?.duration == 0.25)
        #expect(cases["example.com/broken"]?.output?.contains("syntax error") == true)
        #expect(cases["example.com/broken"]?.message?.contains("did not build") == true)
        #expect(!report.passed)
    }

    @Test func aTestThatNeverEndsIsAnError() throws {
        let report = try parse(#"""
            {"Action":"run","Package":"p","Test":"TestOK"}
            {"Action":"pass","Package":"p","Test":"TestOK","Elapsed":0.1}
            {"Action":"run","Package":"p","Test":"TestHang"}
            {"Action":"output","Package":"p","Test":"TestHang","Output":"=== RUN   TestHang\n"}
            {"Action":"output","Package":"p","Output":"panic: test timed out after 10m0s\n"}
            {"Action":"fail","Package":"p","Elapsed":600.1}
            """#)
        #expect(report.cases.map(\.name) == ["TestOK", "TestHang"])
        #expect(report.cases[1].status == .error)
        #expect(report.cases[1].message?.contains("never finished") == true)
        #expect(!report.passed)
    }

    @Test func aPackageFailingOutsideItsTestsIsAnError() throws {
        // TestMain exits 1 after every test passed: without this case the file would pass.
        let report = try parse(#"""
            {"Action":"run","Package":"p","Test":"TestOK"}
            {"Action":"pass","Package":"p","Test":"TestOK","Elapsed":0}
            {"Action":"output","Package":"p","Output":"FAIL\tp\t0.01s\n"}
            {"Action":"fail","Package":"p","Elapsed":0.01}
            """#)
        #expect(report.cases.map(\.status) == [.passed, .error])
        #expect(report.cases[1].name == "p")
        #expect(!report.passed)
    }

    @Test func aTestRunTwiceIsTwoCases() throws {
        let report = try parse(#"""
            {"Action":"run","Package":"p","Test":"TestFlaky"}
            {"Action":"pass","Package":"p","Test":"TestFlaky","Elapsed":0}
            {"Action":"run","Package":"p","Test":"TestFlaky"}
            {"Action":"fail","Package":"p","Test":"TestFlaky","Elapsed":0}
            {"Action":"fail","Package":"p","Elapsed":0}
            """#)
        #expect(report.cases.map(\.status) == [.passed, .failed])
    }

    @Test(arguments: [
        ("{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"T\"}\nthis is not json\n", "not a JSON object", 2),
        ("{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"T\"}\n{\"Action\":\"pass\",\"Pack", "not a JSON object", 2),
        ("{\"Package\":\"p\",\"Test\":\"T\"}\n", "an event without an Action", 1),
        ("{\"Action\":\"run\"}\n[1, 2]\n", "not a JSON object", 2),
        ("", "the file is empty", 1),
    ])
    func brokenStreamsAreClearErrors(_ text: String, _ reason: String, _ line: Int) {
        let error = refusal(text)
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
        #expect(error?.line == line)
    }

    @Test func outputIsAccumulatedInLinearTimeAndKeepsItsEnd() throws {
        let line = #"{"Action":"output","Package":"p","Test":"TestLoud","Output":"0123456789012345678901234567890123456789\n"}"#
        let text = #"{"Action":"run","Package":"p","Test":"TestLoud"}"# + "\n"
            + String(repeating: line + "\n", count: 50_000)
            + #"{"Action":"output","Package":"p","Test":"TestLoud","Output":"the last line\n"}"# + "\n"
            + #"{"Action":"fail","Package":"p","Test":"TestLoud","Elapsed":1}"# + "\n"
        let report = try parse(text)
        let output = try #require(report.cases.first?.output)
        #expect(output.hasSuffix("the last line\n"))
        #expect(output.hasPrefix("[… the first "))
        #expect(output.utf8.count <= TestResultLimits.maximumOutputBytes + 64)
    }
}
