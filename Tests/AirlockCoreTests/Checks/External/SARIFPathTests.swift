import Testing
@testable import AirlockCore

@Suite("SARIF import: where a result is")
struct SARIFPathTests {
    typealias S = SARIFSamples

    static let root = "/scratch/airlock-12"

    /// The path a result at `uri` (with `extra` in its artifact location and `run` in its
    /// run) gets.
    static func path(_ uri: String, extra: String = "", run: String = "", root: String? = root) throws -> String? {
        let result = """
            {"ruleId": "r", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "\(uri)"\(extra)}, "region": {"startLine": 1}}}]}
            """
        return try S.parse(S.log(results: result, run: run), scratchRoot: root).first?.path
    }

    @Test(arguments: [
        ("src/a.py", "src/a.py"),
        ("./src/./a.py", "src/a.py"),
        ("src/../lib/a.py", "lib/a.py"),
        ("file:///scratch/airlock-12/src/a%20b.py", "src/a b.py"),
        ("file://localhost/scratch/airlock-12/src/a.py", "src/a.py"),
        ("FILE:///scratch/airlock-12/x.py", "x.py"),
        ("file:/scratch/airlock-12/x.py", "x.py"),
        ("/scratch/airlock-12/x.py", "x.py"),
        ("file:///scratch/airlock-12/sub/../x.py", "x.py"),
        // Outside the scratch copy: kept as it is, it names no file of a patch.
        ("file:///etc/passwd", "/etc/passwd"),
        ("file:///scratch/airlock-123/x.py", "/scratch/airlock-123/x.py"),
        ("file://build-host/scratch/airlock-12/x.py", "file://build-host/scratch/airlock-12/x.py"),
        ("https://example.com/x.py", "https://example.com/x.py"),
        // Percent-decoding, and what is not an escape.
        ("caf%C3%A9.py", "café.py"),
        ("100%25.txt", "100%.txt"),
        ("50%.txt", "50%.txt"),
        ("%zz.py", "%zz.py"),
        ("a:b.py", "a:b.py"),
    ])
    func urisBecomePathsInTheScratchCopy(uri: String, expected: String) throws {
        #expect(try Self.path(uri) == expected)
    }

    @Test func baseIdsAreResolvedThroughOriginalUriBaseIdsChainedAndLooping() throws {
        let bases = #", "originalUriBaseIds": {"SRC": {"uri": "file:///scratch/airlock-12/"}, "PKG": {"uri": "pkg/", "uriBaseId": "SRC"}, "A": {"uri": "a/", "uriBaseId": "B"}, "B": {"uri": "b/", "uriBaseId": "A"}, "%SRCROOT%": {"description": {"text": "the root"}}}"#
        #expect(try Self.path("lib/m.py", extra: #", "uriBaseId": "SRC""#, run: bases) == "lib/m.py")
        #expect(try Self.path("lib/m.py", extra: #", "uriBaseId": "PKG""#, run: bases) == "pkg/lib/m.py")
        #expect(try Self.path("m.py", extra: #", "uriBaseId": "%SRCROOT%""#, run: bases) == "m.py")
        #expect(try Self.path("m.py", extra: #", "uriBaseId": "UNDECLARED""#, run: bases) == "m.py")
        // A loop ends after a few steps, somewhere; it must not hang or crash.
        #expect(try Self.path("m.py", extra: #", "uriBaseId": "A""#, run: bases)?.hasSuffix("m.py") == true)
    }

    @Test func anArtifactIndexStandsForTheRunsArtifact() throws {
        let result = #"{"ruleId": "r", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"index": 1}, "region": {"startLine": 4}}}]}"#
        let artifacts = #", "artifacts": [{"location": {"uri": "one.py"}}, {"location": {"uri": "file:///scratch/airlock-12/two.py"}}]"#
        #expect(try S.parse(S.log(results: result, run: artifacts), scratchRoot: Self.root).map { "\($0.path):\($0.line)" } == ["two.py:4"])
    }

    @Test func aResultWithoutARegionIsAboutTheWholeFile() throws {
        let result = #"{"ruleId": "r", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "ci.yml"}}}]}"#
        #expect(try S.parse(S.log(results: result)).map { "\($0.path):\($0.line)" } == ["ci.yml:0"])
    }

    @Test func aDecodedBidiOverrideInAPathShowsEscaped() throws {
        let path = try #require(try Self.path("evil%E2%80%AEyp.sh"))
        #expect(path == "evil\u{202e}yp.sh")
        #expect(VisibleText.escape(path) == #"evil\u{202e}yp.sh"#)
    }

    @Test func withoutAScratchRootAbsolutePathsStayAbsolute() throws {
        #expect(try Self.path("file:///scratch/airlock-12/x.py", root: nil) == "/scratch/airlock-12/x.py")
        #expect(try Self.path("file:///x.py", root: "/") == "x.py")
    }
}
