import Foundation
import Testing
@testable import AirlockCore

/// A workspace and a patch over about fifty files that exercises every kind of step:
/// modifications in nested directories, creations in new directories, deletions that
/// empty directories, renames with and without edits into new directories, copies,
/// mode changes, a swap, and a file and a directory trading places.
private struct LargeChange {
    var files: [String: (text: String, permissions: mode_t)] = [:]
    var patch = ""
    var entries = 0

    init() {
        func lines(_ path: String, _ count: Int) -> [String] { (1...count).map { "\(path) line \($0)" } }
        func add(_ path: String, _ lines: [String], permissions: mode_t = 0o644) {
            files[path] = (lines.map { $0 + "\n" }.joined(), permissions)
        }
        func entry(_ text: String) {
            patch += text
            entries += 1
        }

        for n in 0..<15 {
            let path = n < 8 ? "mod/file\(n).txt" : "mod/deep/er/file\(n).txt"
            let body = lines(path, 6)
            add(path, body, permissions: n == 3 ? 0o600 : 0o644)
            entry("diff --git a/\(path) b/\(path)\n--- a/\(path)\n+++ b/\(path)\n@@ -2,3 +2,3 @@\n \(body[1])\n-\(body[2])\n+\(body[2]) changed\n \(body[3])\n")
        }
        add("del/keep.txt", ["kept"])
        for n in 0..<8 {
            let path = n < 4 ? "del/only/gone\(n).txt" : "del/gone\(n).txt"
            let body = lines(path, 3)
            add(path, body)
            entry("diff --git a/\(path) b/\(path)\ndeleted file mode 100644\n--- a/\(path)\n+++ /dev/null\n@@ -1,3 +0,0 @@\n" + body.map { "-\($0)\n" }.joined())
        }
        for n in 0..<8 {
            let from = "ren/file\(n).txt", to = "renamed/new/dir\(n % 2)/file\(n).txt"
            let body = lines(from, 3)
            add(from, body, permissions: n == 1 ? 0o755 : 0o644)
            var text = "diff --git a/\(from) b/\(to)\nsimilarity index \(n.isMultiple(of: 2) ? 100 : 67)%\nrename from \(from)\nrename to \(to)\n"
            if !n.isMultiple(of: 2) {
                text += "--- a/\(from)\n+++ b/\(to)\n@@ -1,3 +1,3 @@\n \(body[0])\n-\(body[1])\n+\(body[1]) edited\n \(body[2])\n"
            }
            entry(text)
        }
        let base = lines("src/base.txt", 3)
        add("src/base.txt", base)
        for n in 0..<3 {
            let to = "copies/c\(n).txt"
            entry("diff --git a/src/base.txt b/\(to)\nsimilarity index 67%\ncopy from src/base.txt\ncopy to \(to)\n--- a/src/base.txt\n+++ b/\(to)\n@@ -1,3 +1,3 @@\n \(base[0])\n \(base[1])\n-\(base[2])\n+copy \(n)\n")
        }
        for n in 0..<8 {
            let path = n < 5 ? "new/a/b\(n % 2)/c\(n).txt" : "mod/new\(n).txt"
            let mode = n == 2 ? "100755" : "100644"
            entry("diff --git a/\(path) b/\(path)\nnew file mode \(mode)\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1,2 @@\n+new \(path) 1\n+new \(path) 2\n")
        }
        add("bin/tool1", ["#!/bin/sh"])
        add("bin/tool2", ["#!/bin/sh"], permissions: 0o755)
        entry("diff --git a/bin/tool1 b/bin/tool1\nold mode 100644\nnew mode 100755\n")
        entry("diff --git a/bin/tool2 b/bin/tool2\nold mode 100755\nnew mode 100644\n")
        add("swap/a", ["A"])
        add("swap/b", ["B"])
        entry("diff --git a/swap/a b/swap/b\nsimilarity index 100%\nrename from swap/a\nrename to swap/b\n")
        entry("diff --git a/swap/b b/swap/a\nsimilarity index 100%\nrename from swap/b\nrename to swap/a\n")
        add("thing", ["file"])
        entry("diff --git a/thing b/thing\ndeleted file mode 100644\n--- a/thing\n+++ /dev/null\n@@ -1 +0,0 @@\n-file\n")
        entry("diff --git a/thing/inside.txt b/thing/inside.txt\nnew file mode 100644\n--- /dev/null\n+++ b/thing/inside.txt\n@@ -0,0 +1 @@\n+now a directory\n")
        add("box/one", ["1"])
        entry("diff --git a/box/one b/box/one\ndeleted file mode 100644\n--- a/box/one\n+++ /dev/null\n@@ -1 +0,0 @@\n-1\n")
        entry("diff --git a/box b/box\nnew file mode 100644\n--- /dev/null\n+++ b/box\n@@ -0,0 +1 @@\n+now a file\n")
    }

    /// A sandbox holding the old tree.
    func sandbox(in parent: String = Sandbox.defaultParent) throws -> Sandbox {
        let sandbox = try Sandbox(in: parent)
        for (path, file) in files {
            sandbox.write(path, file.text, permissions: file.permissions)
        }
        sandbox.write(sandbox.outside + "/untouched.txt", "outside\n")
        return sandbox
    }
}

private struct Crash: Error {}

@Suite("Crash recovery")
struct CrashRecoveryTests {
    private let change = LargeChange()

    /// The snapshots of the old and the new tree, and how many steps the application takes.
    private func reference(_ options: ApplyOptions = ApplyOptions(), in parent: String = Sandbox.defaultParent) throws -> (old: [String: Sandbox.Node], new: [String: Sandbox.Node], steps: Int) {
        let sandbox = try change.sandbox(in: parent)
        let old = sandbox.snapshot()
        let counter = StepLog()
        var applier = sandbox.applier(options)
        applier.onStep = { counter.record($0) }
        try applier.apply(try parsePatch(change.patch))
        let steps = counter.steps
        #expect(steps == Array(1...steps.count), "steps are numbered 1, 2, 3, …")
        return (old, sandbox.snapshot(), steps.count)
    }

    @Test("the patch is as large as promised and applies cleanly")
    func fixture() throws {
        #expect(change.entries >= 50)
        let sandbox = try change.sandbox()
        let report = try sandbox.applier().apply(try parsePatch(change.patch))
        #expect(report.files.count == change.entries)
        #expect(sandbox.text("mod/deep/er/file9.txt")?.contains("line 3 changed\n") == true)
        #expect(sandbox.permissions("mod/file3.txt") == 0o600)
        #expect(!sandbox.exists("del/only") && sandbox.exists("del/keep.txt") && !sandbox.exists("ren"))
        #expect(sandbox.text("renamed/new/dir1/file1.txt") == "ren/file1.txt line 1\nren/file1.txt line 2 edited\nren/file1.txt line 3\n")
        #expect(sandbox.permissions("renamed/new/dir1/file1.txt") == 0o755)
        #expect(sandbox.text("copies/c2.txt")?.hasSuffix("copy 2\n") == true)
        #expect(sandbox.permissions("new/a/b0/c2.txt") == 0o755)
        #expect(sandbox.permissions("bin/tool1") == 0o755 && sandbox.permissions("bin/tool2") == 0o644)
        #expect(sandbox.text("swap/a") == "B\n" && sandbox.text("swap/b") == "A\n")
        #expect(sandbox.text("thing/inside.txt") == "now a directory\n" && sandbox.text("box") == "now a file\n")
    }

    @Test("a crash before any step, recovered, leaves exactly the old or the new tree")
    func crashAtEveryStep() throws {
        let (old, new, steps) = try reference()
        #expect(steps > 100)
        var outcomes: [String: Int] = [:]
        for step in 1...steps {
            let sandbox = try change.sandbox()
            var applier = sandbox.applier()
            applier.onStep = { if $0 == step { throw Crash() } }
            #expect(throws: Crash.self, "step \(step)") { try applier.apply(try parsePatch(change.patch)) }

            let outcome = try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal)
            let after = sandbox.snapshot()
            switch outcome {
            case nil, .rolledBack?:
                let difference = Sandbox.difference(old, after)
                #expect(difference.isEmpty, "step \(step), \(String(describing: outcome)):\n\(difference)")
            case .rolledForward?:
                let difference = Sandbox.difference(new, after)
                #expect(difference.isEmpty, "step \(step), rolled forward:\n\(difference)")
            }
            outcomes[outcome.map { "\($0)".components(separatedBy: "(").first ?? "" } ?? "nothing", default: 0] += 1
            #expect(try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal) == nil)
        }
        // Steps 1 and 2 write the first journal: a crash there leaves nothing to recover.
        // Everything before the committed journal rolls back, everything after forward.
        #expect(outcomes["nothing"] == 2, "\(outcomes)")
        #expect((outcomes["rolledBack"] ?? 0) > 40, "\(outcomes)")
        #expect((outcomes["rolledForward"] ?? 0) > 40, "\(outcomes)")
    }

    @Test("recovery interrupted at any of its own steps can simply run again")
    func crashDuringRecovery() throws {
        let (old, new, steps) = try reference()
        // One crash in the middle of staging, one in the middle of the renames.
        for (crashStep, expected) in [(20, old), (steps - 10, new)] {
            let probe = StepLog()
            do {
                let sandbox = try change.sandbox()
                var applier = sandbox.applier()
                applier.onStep = { if $0 == crashStep { throw Crash() } }
                #expect(throws: Crash.self) { try applier.apply(try parsePatch(change.patch)) }
                _ = try Recovery.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal, hook: { probe.record($0) })
            }
            for recoveryStep in 1...probe.steps.count {
                let sandbox = try change.sandbox()
                var applier = sandbox.applier()
                applier.onStep = { if $0 == crashStep { throw Crash() } }
                #expect(throws: Crash.self) { try applier.apply(try parsePatch(change.patch)) }
                #expect(throws: Crash.self) {
                    try Recovery.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal, hook: { if $0 == recoveryStep { throw Crash() } })
                }
                #expect(try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal) != nil)
                let difference = Sandbox.difference(expected, sandbox.snapshot())
                #expect(difference.isEmpty, "apply crash \(crashStep), recovery crash \(recoveryStep):\n\(difference)")
            }
        }
    }

    /// On the real disk (`/tmp`), where fsync and syncfs do work, every ninth step.
    @Test("durable mode reaches the same trees, with sync steps of its own")
    func durable() throws {
        let (old, new, steps) = try reference(ApplyOptions(durable: true), in: "/tmp")
        let (_, plainNew, plainSteps) = try reference()
        #expect(Sandbox.difference(new, plainNew).isEmpty)
        #expect(steps == plainSteps + 2)
        for step in stride(from: 1, through: steps, by: 9) {
            let sandbox = try change.sandbox(in: "/tmp")
            var applier = sandbox.applier(ApplyOptions(durable: true))
            applier.onStep = { if $0 == step { throw Crash() } }
            #expect(throws: Crash.self) { try applier.apply(try parsePatch(change.patch)) }
            _ = try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal)
            let after = sandbox.snapshot()
            #expect(Sandbox.difference(old, after).isEmpty || Sandbox.difference(new, after).isEmpty, "durable, step \(step)")
        }
    }
}

/// Collects the step numbers the hook sees; the hook is `@Sendable`, so it locks.
private final class StepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var numbers: [Int] = []

    func record(_ step: Int) {
        lock.withLock { numbers.append(step) }
    }

    var steps: [Int] { lock.withLock { numbers } }
}
