import AirlockCore
import Synchronization

/// A runner that starts nothing: it records each command and answers with `respond`.
final class RecordingRunner: ProcessRunner {
    private let commands = Mutex<[ProcessCommand]>([])
    private let respond: @Sendable (ProcessCommand) throws(ProcessRunnerError) -> ProcessOutcome

    init(_ respond: @escaping @Sendable (ProcessCommand) throws(ProcessRunnerError) -> ProcessOutcome) {
        self.respond = respond
    }

    var recorded: [ProcessCommand] { commands.withLock { $0 } }

    func run(_ command: ProcessCommand) throws(ProcessRunnerError) -> ProcessOutcome {
        commands.withLock { $0.append(command) }
        return try respond(command)
    }
}
