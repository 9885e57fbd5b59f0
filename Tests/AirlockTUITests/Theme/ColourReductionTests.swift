import Testing

@testable import AirlockTUI

@Suite("Colour reduction")
struct ColourReductionTests {
    @Test func namesReadAsTheirPaletteEntries() {
        #expect(Colour(name: "red") == .ansi(1))
        #expect(Colour(name: "bright-white") == .ansi(15))
        #expect(Colour(name: "Default") == .terminalDefault)
        #expect(Colour(name: "#0a0B0c") == .rgb(red: 10, green: 11, blue: 12))
        #expect(Colour(name: "bright-default") == nil)
        #expect(Colour(name: "#0a0B0") == nil)
        #expect(Colour(name: "#0a0B0g") == nil)
        #expect(Colour(name: "#+a0B0c") == nil)
        #expect(Colour(index: 256) == nil)
        #expect(Colour(index: -1) == nil)
    }

    @Test func hexBecomesTheNearestOf256ThenOf8() {
        #expect(Colour.rgb(red: 255, green: 0, blue: 0).reduced(to: .palette256).index == 196)
        #expect(Colour.rgb(red: 0x26, green: 0x4f, blue: 0x78).reduced(to: .palette256).index == 24)
        #expect(Colour.rgb(red: 0x30, green: 0x30, blue: 0x30).reduced(to: .palette256).index == 236)
        #expect(Colour.rgb(red: 250, green: 10, blue: 10).reduced(to: .eight).index == 1)
        #expect(Colour.rgb(red: 10, green: 200, blue: 30).reduced(to: .eight).index == 2)
        #expect(Colour.rgb(red: 20, green: 20, blue: 20).reduced(to: .eight).index == 0)
        #expect(Colour.rgb(red: 250, green: 250, blue: 250).reduced(to: .eight).index == 7)
        #expect(Colour.rgb(red: 1, green: 2, blue: 3).reduced(to: .none).index == -1)
    }

    @Test func paletteAndANSIColoursFoldOntoEight() {
        #expect(Colour.indexed(196).reduced(to: .eight).index == 1)
        #expect(Colour.indexed(21).reduced(to: .eight).index == 4)
        #expect(Colour.indexed(231).reduced(to: .eight).index == 7)
        #expect(Colour.indexed(24).reduced(to: .eight).index == 6)
        #expect(Colour.indexed(12).reduced(to: .eight).index == 4)
        #expect(Colour.ansi(11).reduced(to: .eight).index == 3)
        #expect(Colour.ansi(11).reduced(to: .palette256).index == 11)
        #expect(Colour.indexed(200).reduced(to: .palette256).index == 200)
        // Black on a dark screen would vanish: bright black becomes the default, dimmed.
        #expect(Colour.ansi(8).reduced(to: .eight) == (-1, [.dim]))
        #expect(Colour.terminalDefault.reduced(to: .palette256).index == -1)
    }

    @Test func theTerminalStyleFollowsTheDepth() {
        let theme = Theme(
            name: "t", roles: [.error: CellStyle(foreground: .rgb(red: 255, green: 0, blue: 0), background: .ansi(8), attributes: [.bold])],
            selection: CellStyle(background: .indexed(24)))
        // Bright black: dimmed as a foreground on eight colours, the default as a background.
        #expect(theme.terminalStyle(for: .error, selected: false, depth: .palette256) == TerminalStyle(foreground: 196, background: 8, attributes: [.bold]))
        #expect(theme.terminalStyle(for: .error, selected: false, depth: .eight) == TerminalStyle(foreground: 1, background: -1, attributes: [.bold]))
        #expect(theme.terminalStyle(for: .error, selected: true, depth: .eight) == TerminalStyle(foreground: 1, background: 6, attributes: [.bold]))
        #expect(theme.terminalStyle(for: .error, selected: true, depth: .none) == TerminalStyle(attributes: Theme.monochrome.style(for: .error, selected: true).attributes))
    }

    @Test func textNeverTakesItsBackgroundColour() {
        let theme = Theme(
            name: "t", roles: [.text: CellStyle(foreground: .rgb(red: 0, green: 0, blue: 200), background: .ansi(4))],
            selection: CellStyle())
        #expect(theme.terminalStyle(for: .text, selected: false, depth: .palette256).foreground == 20)
        #expect(theme.terminalStyle(for: .text, selected: false, depth: .eight) == TerminalStyle(foreground: -1, background: 4))
    }
}
