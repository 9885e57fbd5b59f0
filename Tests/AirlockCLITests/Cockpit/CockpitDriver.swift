import AirlockCore
import AirlockTUI
import Foundation

/// A screen in memory: keys are queued by the test, frames are kept.
final class MemoryScreen: CockpitScreen {
    var size: Size
    var inputs: [TerminalInput] = []
    private(set) var frame: CellBuffer?
    private(set) var titles: [String] = []
    private(set) var bells = 0
    private(set) var notifications: [String] = []
    private(set) var discarded: [TerminalInput] = []

    init(size: Size) { self.size = size }

    func draw(_ buffer: CellBuffer) { frame = buffer }
    func nextInput(timeoutMilliseconds: Int) -> TerminalInput? { inputs.isEmpty ? nil : inputs.removeFirst() }
    func setTitle(_ text: String) { titles.append(text) }
    func bell() { bells += 1 }
    func notify(title: String, body: String) { notifications.append(body) }
    func discardTypeAhead() {
        discarded += inputs
        inputs.removeAll()
    }
    func redrawAll() {}
    func suspend(_ body: () -> Void) { body() }

    var lines: [String] { frame?.lines ?? [] }
    var text: String { lines.joined(separator: "\n") }
}

/// Drives a cockpit on a real workspace: keys in, wait until it is idle, read the screen.
final class CockpitDriver {
    let screen: MemoryScreen
    let loop: CockpitLoop
    let service: LocalReviewService

    init(root: URL, reviewer: Reviewer?, lookOnly: String? = nil, size: Size = Size(width: 120, height: 40), editor: ((String) -> String?)? = nil) throws {
        let opened = try ManagedWorkspace.open(root: root.path, access: .longLived).workspace
        service = LocalReviewService(workspace: opened)
        screen = MemoryScreen(size: size)
        var settings = CockpitState.Settings()
        settings.lookOnly = lookOnly
        settings.bell = true
        let now: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
        loop = CockpitLoop(
            state: CockpitState(settings: settings, size: size, now: now()), screen: screen,
            effects: ServiceEffects(service: service, reviewer: reviewer), clock: now, editor: editor)
        loop.start()
    }

    /// Steps the loop until no work is out and no key is left, or fails after `seconds`.
    func settle(seconds: Double = 60) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var quiet = 0
        while quiet < 3 {
            loop.step(timeoutMilliseconds: 0)
            if loop.isBusy || !screen.inputs.isEmpty {
                quiet = 0
                // The loop's work runs on threads of its own, so blocking here is safe.
                Thread.sleep(forTimeInterval: 0.002)
            } else {
                quiet += 1
            }
            if Date() > deadline { throw DriverTimeout(screen: screen.text) }
        }
    }

    /// Steps until `condition` holds (for what arrives from another process).
    func waitUntil(seconds: Double = 60, _ condition: (CockpitDriver) -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition(self) {
            loop.step(timeoutMilliseconds: 0)
            Thread.sleep(forTimeInterval: 0.005)
            if Date() > deadline { throw DriverTimeout(screen: screen.text) }
        }
    }

    func press(_ keys: Key...) throws {
        for key in keys {
            screen.inputs.append(.key(key))
            try settle()
        }
    }

    func type(_ text: String) throws {
        for character in text { screen.inputs.append(.key(.character(character))) }
        try settle()
    }

    var state: CockpitState { loop.state }
}

struct DriverTimeout: Error, CustomStringConvertible {
    var screen: String
    var description: String { "the cockpit did not settle; screen:\n\(screen)" }
}

/// A managed workspace with files, for cockpit tests.
struct CockpitWorkspace {
    let root: URL
    let service: LocalReviewService

    init(files: [String: String]) throws {
        root = try ManagedWorkspaceFixture.directory()
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        service = LocalReviewService(workspace: try ManagedWorkspace.initialize(at: root.path))
    }

    @discardableResult
    func propose(_ patch: String, agent: String = "coder-1", title: String) throws -> Proposal {
        try service.blocking.propose(Submission(agent: agent, title: title, patch: Array(patch.utf8))).proposal
    }

    func read(_ path: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
