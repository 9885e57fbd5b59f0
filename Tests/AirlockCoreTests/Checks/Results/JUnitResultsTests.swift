import Testing
@testable import AirlockCore

/// JUnit XML from the real pytest and swift test, and hand-written samples in the shapes
/// Surefire, jest-junit and go-junit-report write; then broken and hostile files.
@Suite("JUnit results")
struct JUnitResultsTests {
    private func junit(_ text: String) throws(TestResultError) -> TestReport {
        try TestResults.parse(Array(text.utf8), format: .junit)
    }

    private func refusal(_ text: String) -> TestResultError? {
        do {
            _ = try TestResults.parse(Array(text.utf8), format: nil)
            return nil
        } catch {
            return error
        }
    }

    private func byName(_ report: TestReport) -> [String: TestCase] {
        Dictionary(report.cases.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: - Real tools

    @Test(.requiresPytest) func pytestsOwnFile() throws {
        let bytes = try RealResultFiles.pytest.get()
        #expect(TestResultFormat.detect(bytes) == .junit)
        let report = try TestResults.parse(bytes, format: nil)
        let cases = byName(report)
        #expect(report.cases.map(\.name).sorted() == ["test_fail", "test_pass", "test_setup_error", "test_skip", "test_xfail"])
        #expect(report.cases.allSatisfy { $0.suite == "test_tiny" && $0.duration != nil })
        #expect(cases["test_pass"]?.status == .passed)
        #expect(cases["test_pass"]?.output?.contains("hello from test_pass") == true)
        #expect(cases["test_fail"]?.status == .failed)
        #expect(cases["test_fail"]?.message?.contains("arithmetic is broken") == true)
        #expect(cases["test_fail"]?.output?.contains("assert (1 + 1) == 3") == true)
        #expect(cases["test_skip"]?.status == .skipped)
        #expect(cases["test_skip"]?.message == "not on this machine")
        #expect(cases["test_xfail"]?.status == .skipped)
        #expect(cases["test_xfail"]?.message == "expected failure: known to be wrong")
        #expect(cases["test_setup_error"]?.status == .error)
        #expect(cases["test_setup_error"]?.message?.contains("the fixture broke") == true)
        #expect(!report.passed)
    }

    @Test(.requiresSwift) func swiftTestsXCTestFile() throws {
        let bytes = try RealResultFiles.swiftFiles.get().xctest
        let report = try TestResults.parse(bytes, format: nil)
        #expect(report.format == .junit)
        #expect(report.cases.map(\.name).sorted() == ["testFails", "testPasses"])
        #expect(report.cases.allSatisfy { $0.suite == "TinyTests.TinyXCTests" })
        let cases = byName(report)
        #expect(cases["testPasses"]?.status == .passed)
        #expect(cases["testFails"]?.status == .failed)
        // All this file says about a failure.
        #expect(cases["testFails"]?.message == "failure")
        #expect(!report.passed)
    }

    @Test(.requiresSwift) func swiftTestsSwiftTestingFile() throws {
        let bytes = try RealResultFiles.swiftFiles.get().swiftTesting
        let report = try TestResults.parse(bytes, format: nil)
        #expect(report.cases.map(\.name).sorted() == ["fails()", "passes()", "skipped()"])
        #expect(report.cases.allSatisfy { $0.suite == "TinyTests.TinySwiftTests" })
        let cases = byName(report)
        #expect(cases["passes()"]?.status == .passed)
        #expect(cases["fails()"]?.status == .failed)
        #expect(cases["fails()"]?.message?.contains("three twice is not seven") == true)
        #expect(cases["skipped()"]?.status == .skipped)
        #expect(cases["skipped()"]?.message == "not today")
    }

    // MARK: - Hand-written samples in the tools' shapes

    static let surefire = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd" version="3.0" name="com.example.CalculatorTest" time="1,234.567" tests="5" errors="1" skipped="1" failures="1">
          <properties>
            <property name="java.version" value="17.0.9"/>
          </properties>
          <testcase name="adds" classname="com.example.CalculatorTest" time="0.012"/>
          <testcase name="divides" classname="com.example.CalculatorTest" time="1,200.5">
            <failure message="expected: &lt;2&gt; but was: &lt;3&gt;" type="org.opentest4j.AssertionFailedError"><![CDATA[org.opentest4j.AssertionFailedError: expected: <2> but was: <3>
        \tat com.example.CalculatorTest.divides(CalculatorTest.java:21)
        ]]></failure>
            <system-out><![CDATA[dividing 6 by 3
        ]]></system-out>
          </testcase>
          <testcase name="connects" classname="com.example.CalculatorTest" time="0.001">
            <error message="Connection refused" type="java.net.ConnectException">java.net.ConnectException: Connection refused
        \tat com.example.CalculatorTest.connects(CalculatorTest.java:30)</error>
          </testcase>
          <testcase name="later" classname="com.example.CalculatorTest" time="0">
            <skipped message="not yet"/>
          </testcase>
          <testcase name="flaky" classname="com.example.CalculatorTest" time="0.002">
            <flakyFailure message="timing" type="java.lang.AssertionError"><stackTrace>java.lang.AssertionError: timing</stackTrace></flakyFailure>
          </testcase>
        </testsuite>
        """

    @Test func surefireWithThousandsSeparators() throws {
        let report = try junit(Self.surefire)
        let cases = byName(report)
        #expect(report.cases.map(\.name) == ["adds", "divides", "connects", "later", "flaky"])
        #expect(cases["divides"]?.status == .failed)
        #expect(cases["divides"]?.duration == 1200.5)
        #expect(cases["divides"]?.message == "expected: <2> but was: <3>")
        #expect(cases["divides"]?.output?.contains("CalculatorTest.java:21") == true)
        #expect(cases["divides"]?.output?.contains("dividing 6 by 3") == true)
        #expect(cases["connects"]?.status == .error)
        #expect(cases["connects"]?.message == "Connection refused")
        #expect(cases["later"]?.status == .skipped)
        #expect(cases["later"]?.message == "not yet")
        // A flaky failure passed on a rerun.
        #expect(cases["flaky"]?.status == .passed)
        #expect(cases["adds"]?.suite == "com.example.CalculatorTest")
    }

    static let jest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="jest tests" tests="3" failures="1" errors="0" time="1.234">
          <testsuite name="sum.test.js" errors="0" failures="1" skipped="1" timestamp="2024-05-01T10:00:00" time="0.5" tests="3">
            <testcase classname="sum adds numbers" name="sum adds numbers" time="0.003">
            </testcase>
            <testcase classname="sum handles negatives" name="sum handles negatives" time="0.004">
              <failure>Error: expect(received).toBe(expected) // Object.is equality

        Expected: -3
        Received: 3
            at Object.&lt;anonymous&gt; (/app/sum.test.js:9:22)</failure>
            </testcase>
            <testcase classname="sum is pending" name="sum is pending" time="0">
              <skipped/>
            </testcase>
          </testsuite>
        </testsuites>
        """

    @Test func jestJunitWithBodyOnlyFailures() throws {
        let report = try junit(Self.jest)
        let cases = byName(report)
        #expect(report.cases.count == 3)
        #expect(cases["sum adds numbers"]?.status == .passed)
        #expect(cases["sum handles negatives"]?.status == .failed)
        // No message attribute: the body's first line stands in.
        #expect(cases["sum handles negatives"]?.message == "Error: expect(received).toBe(expected) // Object.is equality")
        #expect(cases["sum handles negatives"]?.output?.contains("(/app/sum.test.js:9:22)") == true)
        #expect(cases["sum is pending"]?.status == .skipped)
        #expect(cases["sum is pending"]?.message == nil)
    }

    static let goJUnitReport = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites tests="5" failures="1" errors="1" skipped="1">
        \t<testsuite name="example.com/calc" tests="4" failures="1" errors="0" id="0" hostname="build" skipped="1" time="0.012" timestamp="2024-05-01T10:00:00Z">
        \t\t<properties>
        \t\t\t<property name="go.version" value="go1.22.2 linux/amd64"></property>
        \t\t</properties>
        \t\t<testcase name="TestAdd" classname="example.com/calc" time="0.000"></testcase>
        \t\t<testcase name="TestDiv" classname="example.com/calc" time="0.010">
        \t\t\t<failure message="Failed"><![CDATA[    calc_test.go:14: got 3, want 2]]></failure>
        \t\t</testcase>
        \t\t<testcase name="TestDiv/by_zero" classname="example.com/calc" time="0.000"></testcase>
        \t\t<testcase name="TestSlow" classname="example.com/calc" time="0.000">
        \t\t\t<skipped message="Skipped"><![CDATA[    calc_test.go:30: too slow]]></skipped>
        \t\t</testcase>
        \t</testsuite>
        \t<testsuite name="example.com/broken" tests="1" failures="0" errors="1" id="1" hostname="build" time="0.000" timestamp="2024-05-01T10:00:00Z">
        \t\t<testcase name="[build failed]" classname="example.com/broken" time="0.000">
        \t\t\t<error message="Build error"><![CDATA[# example.com/broken
        ./broken.go:3:1: syntax error: non-declaration statement outside function body]]></error>
        \t\t</testcase>
        \t</testsuite>
        </testsuites>
        """

    @Test func goJunitReportWithSubtestsAndABuildFailure() throws {
        let report = try junit(Self.goJUnitReport)
        let cases = byName(report)
        #expect(report.cases.map(\.name) == ["TestAdd", "TestDiv", "TestDiv/by_zero", "TestSlow", "[build failed]"])
        #expect(cases["TestDiv"]?.status == .failed)
        #expect(cases["TestDiv"]?.output == "    calc_test.go:14: got 3, want 2")
        #expect(cases["TestDiv/by_zero"]?.status == .passed)
        #expect(cases["TestSlow"]?.status == .skipped)
        #expect(cases["[build failed]"]?.status == .error)
        #expect(cases["[build failed]"]?.suite == "example.com/broken")
        #expect(cases["[build failed]"]?.output?.contains("syntax error") == true)
    }

    @Test func nestedSuitesAndSuiteLevelErrors() throws {
        let report = try junit("""
            <testsuites>
              <testsuite name="outer">
                <testsuite name="inner"><testcase name="deep"/></testsuite>
                <error message="class setup failed">stack</error>
              </testsuite>
            </testsuites>
            """)
        #expect(report.cases.map(\.name) == ["deep", "outer"])
        #expect(report.cases[0].suite == "inner")
        #expect(report.cases[1].status == .error)
        #expect(report.cases[1].message == "class setup failed")
    }

    @Test func aFailureAndAnErrorInOneCaseIsAFailureWithBothBodies() throws {
        let report = try junit(#"<testsuite name="s"><testcase name="t"><failure message="assert">one</failure><error message="teardown">two</error></testcase></testsuite>"#)
        #expect(report.cases.map(\.status) == [.failed])
        #expect(report.cases[0].output == "one\ntwo")
    }

    // MARK: - Never a false pass

    @Test func aSuiteThatCountsFailuresItDoesNotListIsAnError() throws {
        let report = try junit(#"<testsuite name="s" tests="2" failures="1"><testcase name="a"/><system-out>crashed</system-out></testsuite>"#)
        #expect(report.cases.map(\.status) == [.passed, .error])
        #expect(report.cases[1].message?.contains("reports 1 failures or errors but lists no failing case") == true)
        #expect(!report.passed)
    }

    @Test func anEmptySuiteIsNotAPass() throws {
        let report = try junit("<testsuites/>")
        #expect(report.cases.isEmpty)
        #expect(!report.passed)
    }

    @Test(arguments: [
        (#"<testsuite name="s"><testcase classname="c"/></testsuite>"#, "a <testcase> without a name", 1),
        ("<testsuite name=\"s\">\n<testcase name=\"  \"/></testsuite>", "a <testcase> without a name", 2),
        (#"<testsuite><testcase name="t" time="fast"/></testsuite>"#, #"time="fast" is not a number"#, 1),
        (#"<testsuite><testcase name="t" time="1,5"/></testsuite>"#, #"time="1,5" is not a number"#, 1),
        (#"<testsuite><testcase name="t" time="12,34.5"/></testsuite>"#, "is not a number", 1),
        (#"<testsuite><testcase name="t" time="nan"/></testsuite>"#, "is not a number", 1),
        (#"<testsuite failures="many"><testcase name="t"/></testsuite>"#, #"failures="many" is not a count"#, 1),
        ("<html><body>404</body></html>", "the root element <html> is not <testsuites> or <testsuite>", 1),
        ("<testcase name=\"t\"/>", "is not <testsuites> or <testsuite>", 1),
        ("<testsuites>\n  <testsuite name=\"s\">\n    <testcase name=\"t\">\n", "it is truncated", 4),
        ("<testsuite><testcase name=\"t\"><failure>x</testcase></testsuite>", "</testcase> closes <failure>", 1),
    ])
    func brokenFilesAreClearErrors(_ text: String, _ reason: String, _ line: Int) {
        let error = refusal(text)
        #expect(error?.format == .junit)
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
        #expect(error?.line == line)
    }

    @Test func timesWithThousandsSeparatorsAreOnlyThoseShapes() {
        typealias Grouped = (String, Bool)
        let shapes: [Grouped] = [("1,234", true), ("1,234.5", true), ("12,345,678.25", true), ("1,23", false), ("1234,567", false), (",123", false), ("1,234.", false), ("1,234.5.6", false)]
        for (text, grouped) in shapes {
            let error = refusal(#"<testsuite><testcase name="t" time="\#(text)"/></testsuite>"#)
            #expect((error == nil) == grouped, "\(text)")
        }
    }

    @Test func hostileTextStaysDataAndIsBounded() throws {
        let escape = "\u{1B}[2J\u{1B}]0;pwned\u{07}"
        let huge = String(repeating: "o", count: 300_000) + "THE END"
        let report = try junit("""
            <testsuite name="\(escape)"><testcase name="t&#27;[31m" classname="c"><failure message="\(String(repeating: "m", count: 10_000))">\(huge)</failure></testcase></testsuite>
            """)
        let testCase = try #require(report.cases.first)
        #expect(testCase.name == "t\u{1B}[31m")
        #expect(!VisibleText.escape(testCase.name).contains("\u{1B}"))
        #expect(testCase.message?.utf8.count ?? 0 < TestResultLimits.maximumMessageBytes + 64)
        let output = try #require(testCase.output)
        #expect(output.hasSuffix("THE END"))
        #expect(output.hasPrefix("[… the first "))
        #expect(output.utf8.count < TestResultLimits.maximumOutputBytes + 64)
    }

    @Test func theMostCasesAllowedOnOneLineAreReadInLinearTime() throws {
        let text = "<testsuite>" + String(repeating: "<testcase name=\"t\"/>", count: TestResultLimits.maximumCases) + "</testsuite>"
        let clock = ContinuousClock()
        let start = clock.now
        let report = try junit(text)
        // Generous for a debug build on a busy machine; quadratic work would take hours.
        #expect(clock.now - start < .seconds(90))
        #expect(report.cases.count == TestResultLimits.maximumCases)
    }

    @Test func tooManyCasesAreRefused() {
        let text = "<testsuite>" + String(repeating: "<testcase name=\"t\"/>", count: TestResultLimits.maximumCases + 1) + "</testsuite>"
        #expect(refusal(text)?.reason.contains("more than \(TestResultLimits.maximumCases) test cases") == true)
    }
}
