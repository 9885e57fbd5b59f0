import AirlockCore
@testable import AirlockTUI
import Testing

/// The cockpit's frames, rendered from a state built by hand: what each pane, dialog and
/// mode shows, line by line where the layout matters.
@Suite("Cockpit frames")
struct CockpitRenderTests {
    static let now: Int64 = 1_800_000_000_000

    static func state(_ size: Size, unicode: Bool = true, agents: [AgentSummary] = Self.agents, proposals: [ProposalSummary] = Self.proposals) -> CockpitState {
        var settings = CockpitState.Settings()
        settings.unicode = unicode
        var state = CockpitState(settings: settings, size: size, now: now)
        state.loaded = (true, true)
        state.queue.replaceAll(proposals)
        state.queue.selected = proposals.first?.id
        state.agents.replace(agents, staleAfter: 600_000, now: now)
        state.showActivity = false
        return state
    }

    static let agents = [
        AgentSummary(name: "coder-1", channel: "cli", state: .working, activity: "editing net/fetch", stateSince: now - 120_000, lastHeard: now - 5_000, firstSeen: now - 900_000, waiting: 1),
        AgentSummary(name: "gemini", channel: "cli", state: .blocked, activity: "needs you", stateSince: now - 60_000, lastHeard: now - 1_000, firstSeen: now - 900_000, waiting: 0),
        AgentSummary(name: "old", channel: "cli", state: .working, activity: nil, stateSince: now - 7_200_000, lastHeard: now - 3_600_000, firstSeen: now - 9_000_000, waiting: 0),
    ]

    static let proposals = [
        ProposalSummary(id: 12, agent: "coder-1", title: "Add retry to fetch", state: .ready, fileCount: 2, addedLines: 40, removedLines: 3, createdAt: now - 300_000, updatedAt: now - 300_000),
        ProposalSummary(id: 13, agent: "codex", title: "Farewell", state: .checking, fileCount: 1, addedLines: 2, removedLines: 1, createdAt: now - 60_000, updatedAt: now - 60_000),
    ]

    @Test func agentsBlockedFirstWithWordsBesideGlyphs() {
        let frame = CockpitRenderer.render(Self.state(Size(width: 120, height: 40)))
        let lines = frame.lines
        #expect(lines[1].hasPrefix("│ ✖ gemini  blocked"))
        #expect(lines[2].hasPrefix("│ ● coder-1 working"))
        // What waits for the reviewer before the activity, time in state at the end.
        #expect(lines[2].hasPrefix("│ ● coder-1 working 1 to review edi… 2m│"))
        #expect(lines[1].contains("blocked needs you"))
        // Not heard from for an hour: stale, whatever it last said.
        #expect(lines[3].hasPrefix("│ ◌ old     stale"))
        #expect(frame.roles(row: 1)[2] == .agentBlocked)
    }

    @Test func queueRowsAtEightyColumns() {
        let frame = CockpitRenderer.render(Self.state(Size(width: 80, height: 24)))
        let lines = frame.lines
        #expect(lines.count == 24 && lines.allSatisfy { $0.count == 80 })
        let queueTop = lines.firstIndex { $0.hasPrefix("┌ Queue · 2 waiting") }
        #expect(queueTop != nil)
        let row = lines[(queueTop ?? 0) + 1]
        #expect(row.hasPrefix("│▶ #12 coder-1 Add retry to"))
        #expect(row.prefix(40).hasSuffix("+40 −3 5m│"))
        #expect(lines[(queueTop ?? 0) + 2].contains("−1 checking 1m"))
        #expect(!lines.contains { $0.contains("no checks configured") })
        #expect(!lines.contains { $0.contains("T tests") }, "no badge legend without badges")
        #expect(lines[(queueTop ?? 0) + 2].contains("#13 codex"))
        // The status bar lists the queue's keys from the keymap.
        #expect(lines[23].contains("a approve") && lines[23].contains("? help") || lines[23].contains("?/F1 help"))
    }

    @Test func asciiModeHasNoGlyphBeyondASCII() {
        var state = Self.state(Size(width: 100, height: 30), unicode: false)
        state.overlay = .help(scroll: 0)
        for frame in [CockpitRenderer.render(Self.state(Size(width: 100, height: 30), unicode: false)), CockpitRenderer.render(state)] {
            for line in frame.lines {
                #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "\(line)")
            }
        }
        let lines = CockpitRenderer.render(Self.state(Size(width: 100, height: 30), unicode: false)).lines
        #expect(lines[0].hasPrefix("+ Agents -"))
        #expect(lines[1].hasPrefix("| ! gemini  blocked"))
    }

    @Test func tooSmallSaysSo() {
        let frame = CockpitRenderer.render(Self.state(Size(width: 59, height: 20)))
        #expect(frame.lines.contains { $0.contains("terminal too small") })
        #expect(frame.lines.contains { $0.contains("59x20; needs 60x16") })
        let smallest = CockpitRenderer.render(Self.state(Size(width: 60, height: 16)))
        #expect(!smallest.lines.contains { $0.contains("too small") })
        #expect(smallest.lines.contains { $0.contains("Queue") })
    }

    @Test func helpListsEveryBindingFromTheKeymap() {
        var state = Self.state(Size(width: 120, height: 200))
        state.overlay = .help(scroll: 0)
        let text = CockpitRenderer.render(state).lines.joined(separator: "\n")
        for table in Keymap.tables.values {
            for binding in table {
                #expect(text.contains(binding.help.prefix(40)), "\(binding.help)")
            }
        }
        state.settings.lookOnly = "not an approver"
        let lookOnly = CockpitRenderer.render(state).lines.joined(separator: "\n")
        #expect(lookOnly.contains("Look only: not an approver"))
        #expect(lookOnly.contains("approve the whole proposal") == false || lookOnly.contains("(disabled)"))
    }

    @Test func approveDialogShowsDigestGatesAndWhatIsApproved() {
        var state = Self.state(Size(width: 100, height: 40))
        let digest = String(repeating: "ab", count: 32)
        var dialog = ApproveDialog(items: [ApproveDialog.Item(
            id: 12, title: "Add retry to fetch", agent: "coder-1", digest: digest, selection: nil, files: ["src/fetch.swift"], added: 40, removed: 3,
            gates: [GateResult(gate: "protected_paths", passed: false, detail: "touches .github/workflows/ci.yml")])])
        state.overlay = .approve(dialog)
        var text = CockpitRenderer.render(state).lines.joined(separator: "\n")
        #expect(text.contains("Approve #12"))
        #expect(text.contains("sha256:\(digest)"))
        #expect(text.contains("the whole proposal: 1 file, +40 −3"))
        #expect(text.contains("✗ gate protected_paths: touches .github/workflows/ci.yml — needs a reason to"))
        dialog.reasons[12] = ["protected_paths": "agreed"]
        state.overlay = .approve(dialog)
        text = CockpitRenderer.render(state).lines.joined(separator: "\n")
        #expect(text.contains("override: agreed"))
    }

    @Test func resizeFollowsTheTerminal() {
        var state = Self.state(Size(width: 120, height: 40))
        _ = Cockpit.update(&state, .input(.resize(Size(width: 70, height: 20))))
        let frame = CockpitRenderer.render(state)
        #expect(frame.width == 70 && frame.height == 20)
        #expect(frame.lines[0].count == 70)
    }

    @Test func wideCharactersKeepColumnsAligned() {
        let proposals = [ProposalSummary(id: 1, agent: "エージェント", title: "漢字のタイトル", state: .ready, fileCount: 1, addedLines: 1, removedLines: 0, createdAt: Self.now, updatedAt: Self.now)]
        let frame = CockpitRenderer.render(Self.state(Size(width: 100, height: 30), proposals: proposals))
        // Every row still ends with the pane borders in the same columns.
        let queueRow = frame.lines.first { $0.contains("#1") } ?? ""
        var columns = 0
        for character in queueRow { columns += DisplayWidth.of(character) }
        #expect(columns == 100)
    }

    @Test func nothingIsConfirmedThatIsNotOnScreen() {
        var state = Self.state(Size(width: 100, height: 40))
        let gates = (1...30).map { GateResult(gate: "gate_\($0)", passed: true, detail: "fine") }
        let dialog = ApproveDialog(items: [ApproveDialog.Item(
            id: 12, title: "Add retry to fetch", agent: "coder-1", digest: String(repeating: "ab", count: 32), selection: nil,
            files: ["a"], added: 1, removed: 0, gates: gates)])
        state.overlay = .approve(dialog)
        // The dialog is cut at 40 rows: y does not approve.
        #expect(Cockpit.update(&state, .input(.key(.character("y")))).isEmpty)
        #expect(state.message?.text.contains("make the terminal taller") == true)
        // Below the smallest size nothing shows and only q does anything: it cancels.
        _ = Cockpit.update(&state, .input(.resize(Size(width: 50, height: 12))))
        #expect(Cockpit.update(&state, .input(.key(.enter))).isEmpty)
        #expect(state.overlay != nil)
        _ = Cockpit.update(&state, .input(.key(.character("q"))))
        #expect(state.overlay == nil && !state.finished)
        // With room, the same dialog can be confirmed.
        _ = Cockpit.update(&state, .input(.resize(Size(width: 100, height: 60))))
        state.overlay = .approve(dialog)
        let effects = Cockpit.update(&state, .input(.key(.character("y"))))
        #expect(effects.count == 1)
    }
}
