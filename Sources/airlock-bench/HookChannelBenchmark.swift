import AirlockCore
import Foundation

/// `airlock hook` as an agent's hook runs it: a process spawned per tool call, one JSON
/// event written to its stdin, its answer read back. A pass-through (a tool Airlock does
/// not gate) is decided from the tool's name before the store is opened; a status event
/// and a gated write that changes nothing open the store.
struct HookChannelBenchmark {
    let airlock: String
    var runs = 200

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bench-hook-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("one\n".utf8).write(to: root.appendingPathComponent("a.txt"))
        guard try runQuietly([airlock, "init", root.path], in: root) == 0 else { throw CocoaError(.fileWriteUnknown) }

        let floor = try median(["/bin/true"], input: [], in: root)
        print(Self.row("spawn /bin/true, stdin written, exit read (the floor)", seconds: floor))
        let passThrough = Self.event(#""hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"ls -la"}"#)
        let pass = try median([airlock, "hook", "claude-code"], input: passThrough, in: root)
        print(Self.row("hook gate, pass-through tool call (Bash)", seconds: pass) + "   (target < 15 ms)")
        let stop = Self.event(#""hook_event_name":"Stop","stop_hook_active":false"#)
        let status = try median([airlock, "hook", "claude-code"], input: stop, in: root, runs: runs / 4)
        print(Self.row("hook status event (Stop → idle, recorded in the store)", seconds: status))
        let same = Self.event(#""hook_event_name":"PreToolUse","tool_name":"Write","tool_input":{"file_path":"\#(root.path)/a.txt","content":"one\n"}"#)
        let gated = try median([airlock, "hook", "claude-code"], input: same, in: root, runs: runs / 4)
        print(Self.row("hook gate, Write that changes nothing (store opened, allowed)", seconds: gated))
    }

    private static func event(_ fields: String) -> [UInt8] {
        Array(#"{"session_id":"0b5e55ed-bench","transcript_path":"/tmp/t.jsonl","cwd":"/tmp","permission_mode":"default",\#(fields)}"#.utf8)
    }

    private func median(_ arguments: [String], input: [UInt8], in directory: URL, runs: Int? = nil) throws -> Double {
        var measurement = Measurement()
        for _ in 0..<(runs ?? self.runs) {
            var status: Int32 = 0
            measurement.samples.append(try Measurement.time {
                status = try SystemProcessRunner().run(ProcessCommand(
                    arguments[0], Array(arguments.dropFirst()), workingDirectory: directory.path, standardInput: .bytes(input),
                    standardOutput: .discard, standardError: .discard)).shellStatus
            })
            guard status == 0 else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "\(arguments.joined(separator: " ")) exited \(status)"]) }
        }
        return measurement.median
    }

    static func row(_ name: String, seconds: Double) -> String {
        "\(name.padding(toLength: 66, withPad: " ", startingAt: 0)) \(String(format: "%9.2f ms", seconds * 1000))"
    }
}
