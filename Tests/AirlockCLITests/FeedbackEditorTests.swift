import AirlockCore
import Foundation
import Testing
@testable import airlock

/// The feedback editor's use of the runner, without starting an editor.
@Suite("feedback editor")
struct FeedbackEditorTests {
    @Test func theEditorGetsTheTerminalAndTheFileAndItsTextComesBack() throws {
        let runner = RecordingRunner { command in
            // What an editor does: append to the file it was given, keeping the template.
            let path = command.arguments.last ?? ""
            let handle = FileHandle(forUpdatingAtPath: path)
            _ = try? handle?.seekToEnd()
            handle?.write(Data("Use the config value.\n".utf8))
            try? handle?.close()
            return ProcessOutcome(termination: .exited(0))
        }
        let editor = FeedbackEditor(command: "vim -n", terminal: 42, runner: runner)
        #expect(try editor.edit(template: "\n# a comment for the reviewer\n") == "\nUse the config value.\n")

        let command = try #require(runner.recorded.first)
        #expect(runner.recorded.count == 1)
        #expect(command.executable == "/bin/sh")
        #expect(Array(command.arguments.prefix(3)) == ["-c", "vim -n \"$@\"", "vim -n"])
        #expect(command.arguments.last?.contains("airlock-feedback-") == true)
        #expect(command.standardInput == .descriptor(42))
        #expect(command.standardOutput == .descriptor(42))
        #expect(command.standardError == .descriptor(42))
        #expect(command.timeout == nil, "a person is typing: no timeout")
        #expect(!FileManager.default.fileExists(atPath: command.arguments.last ?? ""), "the temporary file is removed")
    }

    @Test func anEditorThatFailsOrIsKilledGivesNoFeedback() {
        for (termination, message) in [(ProcessOutcome.Termination.exited(1), "`ed` exited with status 1"), (.signalled(9), "`ed` was killed by signal 9")] {
            let runner = RecordingRunner { _ in ProcessOutcome(termination: termination) }
            #expect {
                try FeedbackEditor(command: "ed", terminal: 0, runner: runner).edit(template: "")
            } throws: { error in
                "\(error)" == message
            }
        }
    }

    @Test func anEditorThatCannotStartSaysWhy() {
        let runner = RecordingRunner { _ throws(ProcessRunnerError) in throw .executableNotFound("/bin/sh", searched: []) }
        #expect {
            try FeedbackEditor(command: "ed", terminal: 0, runner: runner).edit(template: "")
        } throws: { error in
            "\(error)" == "cannot start `ed`: cannot run `/bin/sh`: no such file"
        }
    }
}
