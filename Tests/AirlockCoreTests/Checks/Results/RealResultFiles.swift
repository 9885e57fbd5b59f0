import Foundation
import Testing
@testable import AirlockCore
#if canImport(Glibc)
import Glibc
#endif

/// Result files written by the real tools in a temporary directory, made once per test run
/// and shared: pytest's JUnit XML, and from one `swift test` build of a tiny package the
/// XCTest file, the Swift Testing file and the Swift Testing event stream.
enum RealResultFiles {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct SwiftFiles: Sendable {
        var xctest: [UInt8]
        var swiftTesting: [UInt8]
        var events: [UInt8]
    }

    // MARK: - pytest

    static let python: String? = try? ExecutableSearch.resolve("python3", environment: nil)

    static let pytestInstalled: Bool = {
        guard let python else { return false }
        return (try? SystemProcessRunner().run(ProcessCommand(python, ["-c", "import pytest"], timeout: .seconds(60))).succeeded) ?? false
    }()

    /// A pass (that prints), a fail, a skip, an xfail and a setup error.
    static let pytestFile = """
        import pytest

        def test_pass():
            print("hello from test_pass")
            assert 1 + 1 == 2

        def test_fail():
            assert 1 + 1 == 3, "arithmetic is broken"

        @pytest.mark.skip(reason="not on this machine")
        def test_skip():
            pass

        @pytest.mark.xfail(reason="known to be wrong")
        def test_xfail():
            assert False

        @pytest.fixture
        def broken():
            raise RuntimeError("the fixture broke")

        def test_setup_error(broken):
            pass

        """

    static let pytest: Result<[UInt8], Failure> = {
        guard let python else { return .failure(Failure(description: "python3 is not installed")) }
        do {
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            try Data(pytestFile.utf8).write(to: URL(fileURLWithPath: directory + "/test_tiny.py"))
            let outcome = try SystemProcessRunner().run(ProcessCommand(
                python, ["-m", "pytest", "-p", "no:cacheprovider", "-q", "-o", "junit_logging=all", "--junitxml=" + directory + "/results.xml", "test_tiny.py"],
                workingDirectory: directory, timeout: .seconds(120)))
            guard let bytes = FileManager.default.contents(atPath: directory + "/results.xml") else {
                return .failure(Failure(description: "pytest wrote no result file: \(String(decoding: outcome.standardOutput + outcome.standardError, as: UTF8.self))"))
            }
            return .success(Array(bytes))
        } catch {
            return .failure(Failure(description: "running pytest: \(error)"))
        }
    }()

    // MARK: - swift test

    static let swift: String? = try? ExecutableSearch.resolve("swift", environment: nil)

    /// One XCTest pass and failure; Swift Testing's pass, failure and skip.
    static let swiftPackage: [String: String] = [
        "Package.swift": """
            // swift-tools-version: 6.0
            import PackageDescription
            let package = Package(name: "Tiny", targets: [.testTarget(name: "TinyTests")])

            """,
        "Tests/TinyTests/XCTests.swift": """
            import XCTest
            final class TinyXCTests: XCTestCase {
                func testPasses() { XCTAssertEqual(2 + 2, 4) }
                func testFails() { XCTAssertEqual(2 + 2, 5, "two and two is not five") }
            }

            """,
        "Tests/TinyTests/SwiftTests.swift": """
            import Testing
            @Suite struct TinySwiftTests {
                @Test func passes() { #expect(3 * 2 == 6) }
                @Test func fails() { #expect(3 * 2 == 7, "three twice is not seven") }
                @Test(.disabled("not today")) func skipped() {}
            }

            """,
    ]

    /// Builds the package once (about 30 s) and runs its tests, writing all three files.
    static let swiftFiles: Result<SwiftFiles, Failure> = {
        guard let swift else { return .failure(Failure(description: "swift is not installed")) }
        do {
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            for (path, text) in swiftPackage {
                let full = directory + "/package/" + path
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: full))
            }
            let outcome = try SystemProcessRunner().run(ProcessCommand(
                swift,
                [
                    "test", "--parallel", "--scratch-path", directory + "/build",
                    "--xunit-output", directory + "/xunit.xml",
                    "--experimental-event-stream-output", directory + "/events.jsonl",
                    "--experimental-event-stream-version", "0",
                ],
                workingDirectory: directory + "/package", timeout: .seconds(600)))
            let read = { (name: String) in FileManager.default.contents(atPath: directory + "/" + name).map { Array($0) } }
            guard let xctest = read("xunit.xml"), let swiftTesting = read("xunit-swift-testing.xml"), let events = read("events.jsonl") else {
                let log = String(decoding: outcome.standardOutput + outcome.standardError, as: UTF8.self)
                return .failure(Failure(description: "swift test did not write all three files (\(outcome.termination)): \(log.suffix(2000))"))
            }
            return .success(SwiftFiles(xctest: xctest, swiftTesting: swiftTesting, events: events))
        } catch {
            return .failure(Failure(description: "running swift test: \(error)"))
        }
    }()

    private static func temporaryDirectory() throws -> String {
        var template = Array("\(Sandbox.defaultParent)/airlock-results-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "mkdtemp failed") }
        return String(cString: made)
    }
}

extension Trait where Self == ConditionTrait {
    static var requiresPytest: Self {
        .enabled(if: RealResultFiles.pytestInstalled, "pytest is not importable by python3 (pip install pytest), so pytest's own output cannot be produced")
    }

    static var requiresSwift: Self {
        .enabled(if: RealResultFiles.swift != nil, "swift is not on PATH, so swift test's own output cannot be produced")
    }
}
