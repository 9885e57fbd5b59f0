import AirlockCore
import ArgumentParser
import Foundation
import Synchronization

/// `airlock serve`: runs checks headless for as long as it lives, claiming them through
/// the store like every cockpit does, and stops cleanly on SIGINT or SIGTERM.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run proposals' checks headless until interrupted (alongside or instead of a cockpit)."
    )

    @OptionGroup var target: ManagedWorkspaceOption

    func run() throws {
        let workspace = try target.open(.longLived)
        guard workspace.store.access != .observer else {
            throw CommandFailure.fail("this user may only look at the store here: checks cannot be run", code: 1)
        }
        let runner = CheckRunner(workspace: workspace)
        let stop = StopSignals.install()
        let sandbox = workspace.config.checks.sandbox == .off ? " (sandbox = \"off\": checks run UNSANDBOXED)" : ""
        emit("airlock serve: running checks in \(VisibleText.escape(workspace.root)) as \(VisibleText.escape(runner.identity))\(sandbox)\n")
        runner.serve(
            stop: { stop.isSet },
            started: { run in emit(CheckLine.started(run)) },
            finished: { run in emit(CheckLine.finished(run)) },
            failed: { error in CommandFailure.report("\(error)") })
        emit("airlock serve: stopped\n")
    }
}

/// SIGINT and SIGTERM set a flag instead of ending the process, so a check in progress
/// is finished (or its command killed by its timeout) and its claim settled.
enum StopSignals {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    private static let flag = Atomic<Bool>(false)

    static func install() -> Flag {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { flag.store(true, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }
        return Flag()
    }

    struct Flag {
        var isSet: Bool { StopSignals.flag.load(ordering: .relaxed) }
    }
}
