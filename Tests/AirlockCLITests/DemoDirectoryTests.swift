import AirlockCore
import Foundation
import Testing

/// The demos commit their own files, run `git init` and `airlock init`: they take a new or
/// empty directory only, and refuse anything else with exit 2 and nothing written.
@Suite("airlock demo --directory: a new or empty directory only")
struct DemoDirectoryTests {
    private func refused(_ arguments: [String], in parent: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let before = TreeSnapshot.take(parent)
        let result = try CLIHarness.run(arguments, in: parent)
        #expect(result.status == 2, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(result.stdout)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasSuffix("the demo takes a new or empty directory, and nothing was written\n"), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(TreeSnapshot.difference(before, TreeSnapshot.take(parent)) == [], sourceLocation: sourceLocation)
        return result.stderr
    }

    @Test func aDirectoryWithFilesIsRefused() throws {
        let parent = try CLIHarness.temporaryDirectory()
        try CLIHarness.write("mine\n", to: "project/notes.txt", in: parent)
        let path = parent.appendingPathComponent("project").path
        for command in [["demo", "--no-review"], ["patch", "demo"]] {
            let message = try refused(command + ["--directory", path], in: parent)
            #expect(message.contains("it is not empty (1 entry, among them `notes.txt`)"), "\(message)")
        }
    }

    @Test func aManagedWorkspaceAndAnythingInsideItAreRefused() throws {
        let parent = try CLIHarness.temporaryDirectory()
        let workspace = parent.appendingPathComponent("ws")
        try CLIHarness.write("code\n", to: "src/a.txt", in: workspace)
        try FileManager.default.createDirectory(at: workspace.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(try CLIHarness.run(["init"], in: workspace).status == 0)
        let root = try refused(["demo", "--no-review", "--directory", workspace.path], in: parent)
        #expect(root.contains("it is not empty"), "\(root)")
        for inside in ["empty", "new/demo"] {
            let message = try refused(["demo", "--no-review", "--directory", workspace.path + "/" + inside], in: parent)
            #expect(message.contains("it lies inside \(workspace.standardizedFileURL.path), which is managed by Airlock"), "\(message)")
        }
    }

    @Test func aFileOrASymlinkIsRefused() throws {
        let parent = try CLIHarness.temporaryDirectory()
        try CLIHarness.write("x\n", to: "file", in: parent)
        try FileManager.default.createDirectory(at: parent.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: parent.path + "/link", withDestinationPath: "empty")
        #expect(try refused(["demo", "--no-review", "--directory", parent.path + "/file"], in: parent).contains("it is not a directory"))
        #expect(try refused(["patch", "demo", "--directory", parent.path + "/link"], in: parent).contains("it is a symbolic link"))
    }

    @Test func anExistingEmptyDirectoryIsUsed() throws {
        let parent = try CLIHarness.temporaryDirectory()
        let dir = parent.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let result = try CLIHarness.run(["patch", "demo", "--directory", dir.path], in: parent)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/workspace/src/greet.swift"))
    }
}
