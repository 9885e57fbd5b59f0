import Testing
@testable import AirlockCore

/// TAP 13 and 14 in the shapes prove, node-tap and node:test write.
@Suite("TAP results")
struct TAPResultsTests {
    private func parse(_ text: String) throws(TestResultError) -> TestReport {
        try TestResults.parse(Array(text.utf8), format: nil)
    }

    private func refusal(_ text: String) -> TestResultError? {
        do {
            _ = try TestResults.parse(Array(text.utf8), format: .tap)
            return nil
        } catch {
            return error
        }
    }

    static let tap13 = """
        TAP version 13
        1..6
        ok 1 - adds numbers
        not ok 2 - divides
          ---
          message: 'expected 2, got 3'
          severity: fail
          at:
            file: test/calc.js
            line: 14
          ...
        ok 3 - network # SKIP no network in CI
        not ok 4 - big numbers # TODO not implemented
        ok 5 - escaped \\# hash and a trailing directive # todo flaky on CI
        console.log from test 6
        ok 6 - logs something
        # tests 6
        # pass 4

        """

    @Test func tap13WithDirectivesAndDiagnostics() throws {
        let report = try parse(Self.tap13)
        #expect(report.format == .tap)
        #expect(report.cases.map(\.name) == ["adds numbers", "divides", "network", "big numbers", "escaped # hash and a trailing directive", "logs something"])
        #expect(report.cases.map(\.status) == [.passed, .failed, .skipped, .skipped, .passed, .passed])
        #expect(report.cases[1].message == "expected 2, got 3")
        #expect(report.cases[1].output?.contains("file: test/calc.js") == true)
        #expect(report.cases[2].message == "no network in CI")
        #expect(report.cases[3].message == "TODO: not implemented")
        #expect(report.cases[4].message == "TODO: flaky on CI")
        #expect(report.cases[5].output == "console.log from test 6")
        // A TODO that fails is not a failure; only `divides` is.
        #expect(!report.passed)
    }

    static let tap14 = """
        TAP version 14
        # Subtest: math
            # Subtest: adds
            ok 1 - adds
              ---
              duration_ms: 0.5
              ...
            # Subtest: subtracts
            not ok 2 - subtracts
              ---
              duration_ms: 0.3
              failureType: 'testCodeFailure'
              error: |-
                Expected values to be strictly equal:

                1 !== 2
              code: 'ERR_ASSERTION'
              ...
            1..2
        not ok 1 - math
          ---
          duration_ms: 1.2
          failureType: 'subtestsFailed'
          error: '1 subtest failed'
          ...
        # Subtest: strings
            ok 1 - trims
            not ok 2 - pads # TODO later
            1..2
        ok 2 - strings
        1..2
        # tests 4

        """

    @Test func tap14SubtestsAreNamedUnderTheirParent() throws {
        let report = try parse(Self.tap14)
        #expect(report.cases.map(\.name) == ["math > adds", "math > subtracts", "math", "strings > trims", "strings > pads", "strings"])
        #expect(report.cases.map(\.status) == [.passed, .failed, .failed, .passed, .skipped, .passed])
        #expect(report.cases[0].duration == 0.0005)
        #expect(report.cases[1].message == "Expected values to be strictly equal:\n\n1 !== 2")
        #expect(report.cases[2].message == "1 subtest failed")
    }

    @Test func theParentsVerdictCounts() throws {
        let report = try parse("""
            TAP version 14
                not ok 1 - child that failed
                1..1
            ok 1 - parent that says it passed
            1..1
            """)
        #expect(report.cases.map(\.name) == ["parent that says it passed > child that failed", "parent that says it passed"])
        #expect(report.cases[0].status == .skipped)
        #expect(report.cases[0].message?.contains("its parent") == true)
        #expect(report.passed)
    }

    @Test func aPlanAtTheEndAndNumbersLeftOut() throws {
        let report = try parse("ok\nok - second\nnot ok\n1..3\n")
        #expect(report.cases.map(\.name) == ["test 1", "second", "test 3"])
        #expect(report.cases.map(\.status) == [.passed, .passed, .failed])
    }

    @Test func allSkippedByThePlan() throws {
        let report = try parse("TAP version 13\n1..0 # SKIP no database here\n")
        #expect(report.cases.map(\.name) == ["(all tests)"])
        #expect(report.cases[0].status == .skipped)
        #expect(report.cases[0].message == "no database here")
    }

    // MARK: - Never a false pass

    @Test func missingTestsAreAnErrorThatNamesThem() throws {
        let report = try parse("TAP version 13\n1..9\nok 1\nok 2\nok 4\nok 8\n")
        let missing = try #require(report.cases.last)
        #expect(missing.status == .error)
        #expect(missing.message == "the plan 1..9 announces tests that never reported: 3, 5–7, 9 (5 of 9)")
        #expect(!report.passed)
    }

    @Test func noPlanAtAllIsAnError() throws {
        let report = try parse("TAP version 13\nok 1 - a\nok 2 - b\n")
        #expect(report.cases.last?.status == .error)
        #expect(report.cases.last?.message?.contains("no plan") == true)
        #expect(!report.passed)
    }

    @Test func bailOutStopsAndIsAnError() throws {
        let report = try parse("TAP version 13\n1..3\nok 1\nBail out! database went away\nok 2\nok 3\n")
        #expect(report.cases.map(\.name) == ["test 1", "Bail out!"])
        #expect(report.cases[1].status == .error)
        #expect(report.cases[1].message == "the tests bailed out: database went away")
        #expect(!report.passed)
    }

    @Test func duplicatesTestsBeyondThePlanAndASecondPlanAreErrors() throws {
        let report = try parse("1..2\nok 1\nok 1\nok 3\n1..2\n")
        let errors = report.cases.filter { $0.status == .error }.map(\.name)
        #expect(errors.contains("test 1 reported twice"))
        #expect(errors.contains("a second plan"))
        #expect(errors.contains("(outside the plan)"))
        #expect(errors.contains("(missing tests)"))
    }

    @Test func aSubtestWithoutItsParentIsAnError() throws {
        let report = try parse("TAP version 14\n# Subtest: lost\n    ok 1 - child\n    1..1\n1..1\n")
        #expect(report.cases.map(\.name) == ["lost > child", "lost", "(missing tests)"])
        #expect(!report.passed)
    }

    @Test(arguments: [
        ("", "the file is empty", 1 as Int?),
        ("TAP version 13\n", "no TAP plan or test point", nil),
        ("TAP version 13\n1..1\nnot ok 1\n  ---\n  message: cut off here\n", "a YAML block that never ends", 4),
    ])
    func brokenStreamsAreClearErrors(_ text: String, _ reason: String, _ line: Int?) {
        let error = refusal(text)
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
        #expect(error?.line == line)
    }

    @Test func garbageIsNotTAP() {
        #expect(TestResultFormat.detect(Array("hello\nworld\nokay then\n".utf8)) == nil)
        #expect(TestResultFormat.detect(Array("# a comment\nok 1 - yes\n".utf8)) == .tap)
        let error = refusal("just some words\nnothing like a test\n")
        #expect(error?.reason == "no TAP plan or test point")
    }

    @Test func manyTestsAndLongOutputAreReadInLinearTime() throws {
        var text = "TAP version 13\n1..50000\n"
        for number in 1...50_000 { text += "some output\nok \(number) - test \(number)\n" }
        let clock = ContinuousClock()
        let start = clock.now
        let report = try parse(text)
        // Generous for a debug build on a busy machine; quadratic work would take hours.
        #expect(clock.now - start < .seconds(90))
        #expect(report.cases.count == 50_000)
        #expect(report.passed)
    }

    @Test func hostileTextStaysData() throws {
        let report = try parse("1..1\nnot ok 1 - \u{1B}[2J\u{1B}]0;pwned\u{07} # SKIP \u{1B}[31mred\n")
        #expect(report.cases[0].name == "\u{1B}[2J\u{1B}]0;pwned\u{07}")
        #expect(!VisibleText.escape(report.cases[0].name).contains("\u{1B}"))
        #expect(report.cases[0].message == "\u{1B}[31mred")
    }

    @Test func hostileNestingIsOutputNotRecursion() throws {
        var text = "TAP version 14\n"
        for depth in (1...200).reversed() { text += String(repeating: " ", count: depth * 4) + "ok 1 - level \(depth)\n" }
        text += "ok 1 - top\n1..1\n"
        let report = try parse(text)
        #expect(report.cases.last?.name == "top")
        #expect(report.cases.count < 10)
    }
}
