import AirlockCore
import Foundation
import Testing

/// 16 agent processes each submit 50 proposals through `airlock propose` while two
/// observer processes list the queue and follow the change feed: nothing is lost,
/// duplicated or seen going backwards, and the audit chain is whole.
@Suite("Concurrent submissions", .serialized)
struct ConcurrentSubmissionTests {
    static let agents = 16
    static let proposalsPerAgent = 50
    /// Separates one command's output from the next in a loop's stdout.
    static let marker = "@@exit "

    /// Splits a loop's stdout into (output, exit status) per command.
    static func commands(_ stdout: String) -> [(output: String, status: Int32)] {
        var results: [(String, Int32)] = []
        var current = ""
        for line in stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(marker) {
                results.append((current, Int32(line.dropFirst(marker.count)) ?? -1))
                current = ""
            } else {
                current += line + "\n"
            }
        }
        return results
    }

    static func shell(_ script: String, in directory: URL, environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        return process
    }

    @Test func sixteenAgentsFiftyProposalsEach() throws {
        let base = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: base) }
        let root = base.appendingPathComponent("workspace"), patches = base.appendingPathComponent("patches"), logs = base.appendingPathComponent("logs")
        for directory in [root, patches, logs] { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
        try ManagedWorkspace.initialize(at: root.path)
        for agent in 0..<Self.agents {
            for n in 0..<Self.proposalsPerAgent {
                try Data(ManagedWorkspaceFixture.creation("agent\(agent)/file\(n).txt", lines: 3)).write(to: patches.appendingPathComponent("\(agent)-\(n).patch"))
            }
        }
        let environment = ["AIRLOCK": CLIHarness.executable.path, "PATCHES": patches.path, "STOP": base.appendingPathComponent("stop").path]

        // Observers: one lists in a loop; the other follows the change feed with `wait`
        // (proposal 1 stays ready, so each wait times out after following the feed) and
        // lists after each.
        let observerScripts = [
            #"while [ ! -e "$STOP" ]; do "$AIRLOCK" list --json; echo "@@exit $?"; done"#,
            #"while [ ! -e "$STOP" ]; do "$AIRLOCK" wait 1 --timeout 0.3 --json >/dev/null 2>&1; echo "@@wait $?" >&2; "$AIRLOCK" list --json; echo "@@exit $?"; done"#,
        ]
        var observers: [(Process, URL, URL)] = []
        for (index, script) in observerScripts.enumerated() {
            let process = try Self.shell(script, in: root, environment: environment)
            let out = logs.appendingPathComponent("observer-\(index).out"), err = logs.appendingPathComponent("observer-\(index).err")
            try Data().write(to: out)
            try Data().write(to: err)
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            observers.append((process, out, err))
        }

        let clock = ContinuousClock()
        let started = clock.now
        var agents: [(Process, URL, URL)] = []
        for agent in 0..<Self.agents {
            let script = #"i=0; while [ $i -lt \#(Self.proposalsPerAgent) ]; do "$AIRLOCK" propose --agent "agent-\#(agent)" --json "$PATCHES/\#(agent)-$i.patch"; echo "@@exit $?"; i=$((i+1)); done"#
            let process = try Self.shell(script, in: root, environment: environment)
            let out = logs.appendingPathComponent("agent-\(agent).out"), err = logs.appendingPathComponent("agent-\(agent).err")
            try Data().write(to: out)
            try Data().write(to: err)
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            agents.append((process, out, err))
        }
        for (process, _, _) in agents { process.waitUntilExit() }
        let elapsed = clock.now - started
        #expect(FileManager.default.createFile(atPath: environment["STOP"] ?? "", contents: nil), "the observers' stop file")
        for (process, _, _) in observers { process.waitUntilExit() }
        print("16 × 50 `airlock propose` processes: \(elapsed)")

        // Every submission exited 0 and printed a new proposal.
        var proposed: [ManagedWorkspaceFixture.Proposed] = []
        for (agent, (_, out, err)) in agents.enumerated() {
            let commands = Self.commands(String(decoding: try Data(contentsOf: out), as: UTF8.self))
            let errors = String(decoding: try Data(contentsOf: err), as: UTF8.self)
            #expect(commands.count == Self.proposalsPerAgent, "agent \(agent) ran \(commands.count) proposes: \(errors)")
            for (output, status) in commands {
                #expect(status == 0, "agent \(agent): propose exited \(status): \(errors)")
                if status == 0 { proposed.append(try ManagedWorkspaceFixture.json(ManagedWorkspaceFixture.Proposed.self, output)) }
            }
        }
        let total = Self.agents * Self.proposalsPerAgent
        #expect(proposed.count == total)
        #expect(proposed.allSatisfy { $0.new && $0.state == "ready" })
        #expect(Set(proposed.map(\.id)) == Set(1...Int64(total)), "ids are not 1…\(total) each once")
        #expect(Set(proposed.map(\.digest)).count == total, "two proposals share a digest")

        // The store holds exactly those, each under the agent that sent it.
        let listed = try CLIHarness.run(["list", "--json"], in: root)
        #expect(listed.status == 0, "\(listed.stderr)")
        let entries = try ManagedWorkspaceFixture.json([ManagedWorkspaceFixture.Listed].self, listed.stdout)
        #expect(entries.map(\.id) == Array(1...Int64(total)))
        for agent in 0..<Self.agents {
            #expect(entries.filter { $0.agent == "agent-\(agent)" }.count == Self.proposalsPerAgent)
        }

        // What the observers saw: valid JSON every time, never fewer than before.
        for (index, (_, out, err)) in observers.enumerated() {
            let commands = Self.commands(String(decoding: try Data(contentsOf: out), as: UTF8.self))
            #expect(commands.count > 2, "observer \(index) listed only \(commands.count) times")
            var previous = 0
            for (output, status) in commands {
                #expect(status == 0, "observer \(index): list exited \(status)")
                guard status == 0 else { continue }
                let count = try ManagedWorkspaceFixture.json([ManagedWorkspaceFixture.Listed].self, output).count
                #expect(count >= previous, "observer \(index) saw \(previous) then \(count) proposals")
                #expect(count <= total)
                previous = count
            }
            if index == 1 {
                let waits = String(decoding: try Data(contentsOf: err), as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("@@wait ") }
                // 2 until proposal 1 exists, then 5: timed out, as #1 stays ready.
                #expect(waits.contains("@@wait 5") && waits.allSatisfy { $0 == "@@wait 5" || $0 == "@@wait 2" }, "\(waits)")
            }
        }

        let audit = try CLIHarness.run(["audit", "--verify"], in: root)
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
        #expect(audit.stdout.hasPrefix("audit chain intact: \(total * 5) entries"), "\(audit.stdout)")
    }
}
