import AirlockCore
import Testing
@testable import AirlockTUI

/// The agents pane with what the channels report: the selected agent's channel, plan and
/// output under the list, escaped, cut to the pane, at every size.
@Suite("Agents pane")
struct AgentsPaneTests {
    static let now: Int64 = 1_800_000_000_000

    static let plan = [
        PlanItem("Read fetch.swift", status: .completed),
        PlanItem("Add the retry loop", status: .inProgress),
        PlanItem("Run the tests", status: .pending),
    ]

    static func agent(_ name: String, _ state: AgentState = .working, channel: String? = "mcp", plan: [PlanItem] = [], output: String? = nil, outputAge: Int64 = 1_000, activity: String? = nil) -> AgentSummary {
        AgentSummary(
            name: name, channel: channel, state: state, activity: activity, stateSince: now - 60_000, lastHeard: now - 1_000, firstSeen: now - 600_000,
            waiting: 0, plan: plan, output: output, outputAt: output == nil ? nil : now - outputAge)
    }

    static func state(_ size: Size, unicode: Bool = true, agents: [AgentSummary], focus: Pane = .queue, selected: String? = nil) -> CockpitState {
        var settings = CockpitState.Settings()
        settings.unicode = unicode
        var state = CockpitState(settings: settings, size: size, now: now)
        state.loaded = (true, true)
        state.agents.replace(agents, staleAfter: 600_000, now: now)
        if let selected { state.agents.selected = selected }
        state.focus = focus
        return state
    }

    /// The agents pane's rows, as drawn.
    static func pane(_ state: CockpitState) throws -> (rect: Rect, lines: [String], frame: CellBuffer) {
        let frame = CockpitRenderer.render(state)
        let rect = try #require(Layout(state)?.panes[.agents])
        let lines = (rect.y..<rect.maxY).map { y in
            String((rect.x..<rect.maxX).map { frame[$0, y] }.filter { $0.width > 0 }.map(\.character))
        }
        return (rect, lines, frame)
    }

    /// Every row of the pane keeps its borders where they belong: nothing spilled over.
    static func expectBordersIntact(_ state: CockpitState, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (rect, _, frame) = try pane(state)
        let vertical: Set<Character> = state.settings.unicode ? ["│", "├", "┤", "┌", "┐", "└", "┘"] : ["|", "+"]
        for y in rect.y..<rect.maxY {
            #expect(vertical.contains(frame[rect.x, y].character), "left border of row \(y)", sourceLocation: sourceLocation)
            #expect(vertical.contains(frame[rect.maxX - 1, y].character), "right border of row \(y): \(frame.lines[y])", sourceLocation: sourceLocation)
        }
        for line in frame.lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(line)", sourceLocation: sourceLocation)
        }
    }

    @Test func thePlanShowsUnderTheSelectedAgentWithItsChannel() throws {
        let state = Self.state(Size(width: 120, height: 40), agents: [Self.agent("coder-1", plan: Self.plan), Self.agent("aider", .idle, channel: "cli")], selected: "coder-1")
        let (_, lines, frame) = try Self.pane(state)
        #expect(lines[1].hasPrefix("│ ● coder-1 working"))
        #expect(lines[2].hasPrefix("│ ○ aider   idle"))
        #expect(lines[3].hasPrefix("├ coder-1 via mcp · plan 1/3 ─"))
        #expect(lines[3].hasSuffix("─┤"))
        #expect(lines[4].hasPrefix("│ ✓ Read fetch.swift "))
        #expect(lines[5].hasPrefix("│ ▸ Add the retry loop "))
        #expect(lines[6].hasPrefix("│ ○ Run the tests "))
        #expect(lines[7].hasPrefix("└"), "the pane is as tall as what it shows")
        let y = try #require(Layout(state)?.panes[.agents]).y
        #expect(frame.roles(row: y + 4)[2] == .passed && frame.roles(row: y + 4)[4] == .dim, "done: a tick, its text dimmed")
        #expect(frame.roles(row: y + 5)[2] == .agentWorking && frame.roles(row: y + 5)[4] == .text)
    }

    @Test func anAgentWithNothingToShowLeavesTheLayoutAsItWas() throws {
        let quiet = [Self.agent("coder-1"), Self.agent("aider", .idle)]
        let state = Self.state(Size(width: 120, height: 40), agents: quiet)
        #expect(try #require(Layout(state)?.panes[.agents]).height == 4)
        // Focused, it shows the selected agent's channel in a rule.
        let focused = Self.state(Size(width: 120, height: 40), agents: quiet, focus: .agents)
        let (_, lines, _) = try Self.pane(focused)
        #expect(lines.count == 5 && lines[3].hasPrefix("├ coder-1 via mcp ─"))
    }

    @Test func underLangCThePlanIsInBoxesAndTextInCodePoints() throws {
        let plan = [PlanItem("Lire le café", status: .completed), PlanItem("Écrire", status: .inProgress), PlanItem("テスト", status: .pending)]
        let state = Self.state(Size(width: 100, height: 30), unicode: false, agents: [Self.agent("coder-1", plan: plan, activity: "éditer net/fetch")], selected: "coder-1")
        let (_, lines, frame) = try Self.pane(state)
        #expect(lines[1].contains("\\u{e9}diter net"), "readable escapes, not ?: \(lines[1])")
        #expect(lines[2].hasPrefix("+ coder-1 via mcp, plan 1/3 -"))
        #expect(lines[3].hasPrefix("| [x] Lire le caf\\u{e9} "))
        #expect(lines[4].hasPrefix("| [~] \\u{c9}crire "))
        #expect(lines[5].hasPrefix("| [ ] \\u{30c6}\\u{30b9}\\u{30c8} "))
        for line in frame.lines { #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "\(line)") }
        try Self.expectBordersIntact(state)
    }

    @Test func hostilePlanTextIsEscapedAndCutToThePane() throws {
        let plan = [
            PlanItem("\u{1b}]52;c;cm0gLXJmIH4=\u{07}\u{1b}[2J\u{1b}]0;pwned\u{07}", status: .completed),
            PlanItem(String(repeating: "漢", count: 500), status: .inProgress),
            PlanItem("\u{202e}gnp.exe \r\u{08}\u{9b}31m" + String(repeating: "x", count: 10_000), status: .pending),
        ]
        for size in [Size(width: 120, height: 40), Size(width: 80, height: 24), Size(width: 61, height: 16)] {
            for unicode in [true, false] {
                let output = String(repeating: "漢", count: 3_000) + "\n\u{202e}\u{1b}]52;c;eA==\u{07}\u{8}\u{8}\r\u{9b}2J" + String(repeating: "y", count: 1_000) + "\n"
                let state = Self.state(size, unicode: unicode, agents: [Self.agent("evil\u{202e}", plan: plan, output: output)], focus: .agents)
                try Self.expectBordersIntact(state)
                let (_, lines, _) = try Self.pane(state)
                let text = lines.joined(separator: "\n")
                #expect(text.contains("\\x1b]52;c;") || size.height < 20, "\(text)")
                #expect(!text.contains("\u{202e}"))
            }
        }
        let (_, lines, _) = try Self.pane(Self.state(Size(width: 120, height: 40), agents: [Self.agent("evil", plan: plan)], focus: .agents))
        #expect(lines[3].hasPrefix("│ ✓ \\x1b]52;c;cm0gLXJmIH4=\\x07\\x1b[2J"))
        #expect(lines[4].hasSuffix("漢…│") || lines[4].hasSuffix("漢… │"), "a wide character is never cut in half: \(lines[4])")
        #expect(lines[5].hasPrefix("│ ○ \\u{202e}gnp.exe \\r\\x08\\x9b31mxxx"))
    }

    @Test func theOutputTailShowsItsLastLines() throws {
        let output = (1...30).map { "step \($0)" }.joined(separator: "\n") + "\n\u{1b}[32mok\u{1b}[0m \u{1b}]52;c;ZXZpbA==\u{07}\n"
        let state = Self.state(Size(width: 120, height: 40), agents: [Self.agent("runner", channel: "worktree", plan: Self.plan, output: output, outputAge: 3_000)], focus: .agents)
        let (_, lines, _) = try Self.pane(state)
        #expect(lines[2].hasPrefix("├ runner via worktree · plan 1/3 ─"), "what does not fit is left out whole")
        let wide = try Self.pane(Self.state(Size(width: 200, height: 40), agents: state.agents.agents + [Self.agent("aider", .idle, channel: "cli")], focus: .agents))
        #expect(wide.lines[3].hasPrefix("├ runner via worktree · plan 1/3 · output 3s ago ─"))
        // Wide enough, every row has its channel.
        #expect(wide.lines[1].hasPrefix("│ ● runner working worktree "), "\(wide.lines[1])")
        #expect(wide.lines[2].hasPrefix("│ ○ aider  idle    cli      "))
        #expect(lines[3].hasPrefix("│ ✓ Read fetch.swift"))
        let shown = lines.drop { !$0.hasPrefix("│ › ") }.prefix { $0.hasPrefix("│ › ") }
        #expect(shown.last?.hasPrefix("│ › ok \\x1b]52;c;ZXZpbA==\\x07 ") == true, "\(lines)")
        #expect(shown.dropLast().last?.hasPrefix("│ › step 30 ") == true)
        #expect(shown.count >= 3 && !lines.contains { $0.contains("step 1 ") })
        try Self.expectBordersIntact(state)
    }

    @Test func aLongPlanShowsTheItemInProgressAndCountsTheRest() {
        let plan = (1...20).map { PlanItem("item \($0)", status: $0 < 12 ? .completed : $0 == 12 ? .inProgress : .pending) }
        let lines = AgentDetail.planLines(plan, rows: 5, glyphs: .unicode).map { $0.map(\.text).joined() }
        #expect(lines == ["… 11 more above", "▸ item 12", "○ item 13", "○ item 14", "… 6 more"])
        #expect(AgentDetail.planLines(plan, rows: 1, glyphs: .ascii).map { $0.map(\.text).joined() } == ["[~] item 12"])
        let done = plan.map { PlanItem($0.text, status: .completed) }
        #expect(AgentDetail.planLines(done, rows: 3, glyphs: .ascii).map { $0.map(\.text).joined() } == ["~ 18 more above", "[x] item 19", "[x] item 20"])
    }

    @Test func atEightyByTwentyFourTheFocusedPaneMakesRoom() throws {
        let agents = [Self.agent("coder-1", plan: Self.plan, output: "building\ncompiling 3/9\n"), Self.agent("aider", .idle), Self.agent("gemini", .blocked)]
        let state = Self.state(Size(width: 80, height: 24), agents: agents, focus: .agents, selected: "coder-1")
        let frame = CockpitRenderer.render(state)
        #expect(frame.lines.count == 24 && frame.lines.allSatisfy { $0.count == 80 })
        let text = frame.lines.joined(separator: "\n")
        #expect(text.contains("▸ Add the retry loop") && text.contains("› compiling 3/9"), "\(text)")
        #expect(frame.lines.contains { $0.hasPrefix("┌ Queue") }, "the queue keeps its rows")
        // Moving to an agent with less to show moves no pane.
        var moved = state
        _ = Cockpit.update(&moved, .input(.key(.down)))
        #expect(moved.agents.selected != "coder-1" && Layout(moved) == Layout(state))
        try Self.expectBordersIntact(state)
        // Not focused, the pane keeps a third of the screen, and the plan what the list
        // leaves of it.
        let unfocused = Self.state(Size(width: 80, height: 24), agents: agents, selected: "coder-1")
        let (rect, lines, _) = try Self.pane(unfocused)
        #expect(rect.height == 6)
        #expect(lines[1...3].map { String($0.dropFirst(4).prefix(7)) } == ["gemini ", "coder-1", "aider  "])
        #expect(lines[4].hasPrefix("├ coder-1 via mcp · plan 1/3"))
        try Self.expectBordersIntact(unfocused)
        // More agents than rows: every row is an agent, the blocked one first.
        let many = agents + (1...4).map { Self.agent("extra-\($0)", .idle) }
        let crowded = try Self.pane(Self.state(Size(width: 80, height: 24), agents: many, selected: "coder-1"))
        #expect(crowded.lines[1].contains("gemini") && !crowded.lines.contains { $0.hasPrefix("├") })
        #expect(!Self.state(Size(width: 80, height: 24), agents: many, selected: "coder-1").followsAgentOutput, "no output shown, none read")
    }
}
