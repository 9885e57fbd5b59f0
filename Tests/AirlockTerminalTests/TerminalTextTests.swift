import AirlockTUI
import Testing

@testable import AirlockTerminal

@Suite("Text the adapter writes itself")
struct TerminalTextTests {
    static let hostile = "done\u{1b}]52;c;ZWNobyBwd25lZA==\u{07}\u{1b}[2J\u{9b}31m\u{9d}0;x\u{9c}\r\nrm -rf ~;x"

    @Test func titlesCannotEndTheirSequenceOrStartAnother() {
        let sequence = Terminal.titleSequence(Self.hostile, unicode: true)
        #expect(sequence.hasPrefix("\u{1b}]2;done\\x1b]52;c;"))
        #expect(sequence.hasSuffix("\u{07}"))
        let inner = sequence.unicodeScalars.dropFirst(4).dropLast()
        #expect(!inner.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test(arguments: [NotificationStyle.osc9, .osc777])
    func notificationsCarryNoControlsAndNoFieldSeparators(style: NotificationStyle) {
        let sequence = Terminal.notificationSequence(title: "#12 a;b\u{07}", body: Self.hostile, style: style, unicode: true)
        let scalars = Array(sequence.unicodeScalars)
        #expect(scalars.first == "\u{1b}" && scalars.last == "\u{07}")
        #expect(!scalars.dropFirst().dropLast().contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        if style == .osc777 {
            // notify;TITLE;BODY: exactly the two separators of the sequence itself.
            #expect(sequence.hasPrefix("\u{1b}]777;notify;#12 a,b\\x07;done"))
            #expect(sequence.filter { $0 == ";" }.count == 3)
        } else {
            #expect(sequence.hasPrefix("\u{1b}]9;#12 a;b\\x07: done"))
        }
    }

    @Test func osc9TextNeverStartsWithADigit() {
        #expect(Terminal.notificationSequence(title: "", body: "4;1 progress", style: .osc9, unicode: true) == "\u{1b}]9; 4;1 progress\u{07}")
    }

    @Test func longAndNonASCIITextIsCutAndFolded() {
        let long = String(repeating: "é", count: 500)
        #expect(TerminalText.sanitised(long, unicode: true).count == 201)
        #expect(TerminalText.sanitised("café ✓", unicode: false) == "caf? ?")
        #expect(TerminalText.sanitised(long, unicode: false).hasSuffix("?..."))
    }

    @Test func capabilitiesFollowTheTerminalAndNO_COLOR() {
        func decide(_ term: String, colours: Int, has: Bool = true, env: [String: String] = [:], codeset: String = "UTF-8") -> TerminalCapabilities {
            TerminalCapabilities.decide(codeset: codeset, hasColours: has, colourCount: colours, terminalName: term, hasStatusLine: false, environment: env)
        }
        #expect(decide("xterm-256color", colours: 256) == TerminalCapabilities(unicode: true, colours: .palette256, title: true))
        #expect(decide("xterm", colours: 8).colours == .eight)
        #expect(decide("xterm-16color", colours: 16).colours == .eight)
        #expect(decide("vt100", colours: -1, has: false) == TerminalCapabilities(unicode: true, colours: .none, title: false))
        #expect(decide("xterm-256color", colours: 256, env: ["NO_COLOR": "1"]).colours == .none)
        #expect(decide("xterm-256color", colours: 256, env: ["NO_COLOR": ""]).colours == .palette256)
        #expect(decide("linux", colours: 8, codeset: "ANSI_X3.4-1968") == TerminalCapabilities(unicode: false, colours: .eight, title: false))
        #expect(decide("tmux-256color", colours: 256).title)
        #expect(!decide("stterm", colours: 8).title)
    }

    @Test func keyCodesAndControlCharactersAreKeys() {
        #expect(KeyCodes.key(character: 0x0D) == .enter)
        #expect(KeyCodes.key(character: 0x12) == .control("r"))
        #expect(KeyCodes.key(character: 0x01) == .control("a"))
        #expect(KeyCodes.key(character: 0x7F) == .backspace)
        #expect(KeyCodes.key(character: 0x08) == .backspace)
        #expect(KeyCodes.key(character: 0x1C) == nil)
        #expect(KeyCodes.key(character: 0x9B) == nil)
        #expect(KeyCodes.key(character: 0xE9) == .character("é"))
    }
}
