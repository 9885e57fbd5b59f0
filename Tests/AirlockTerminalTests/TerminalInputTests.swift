import Foundation
import AirlockTUI
import Testing

@testable import AirlockTerminal

extension NcursesTests {
    /// Bytes typed into the pseudo-terminal, decoded by the adapter on real ncurses.
    @Suite("Terminal input")
    struct TerminalInputTests {
        /// Everything decoded from `typed` until nothing more comes.
        static func decode(_ typed: [String], pause: Bool = false) throws -> [TerminalInput] {
            var inputs: [TerminalInput] = []
            try withTerminal { terminal, pty in
                for chunk in typed {
                    pty.type(chunk)
                    if pause {
                        // Let ncurses see each chunk on its own (Esc alone needs the delay).
                        while let input = terminal.nextInput(timeoutMilliseconds: 150) { inputs.append(input) }
                    }
                }
                while let input = terminal.nextInput(timeoutMilliseconds: 150) { inputs.append(input) }
            }
            return inputs
        }

        @Test func cursorAndEditingKeysInEitherCursorMode() throws {
            let inputs = try Self.decode(["\u{1b}OA\u{1b}[B\u{1b}OC\u{1b}[D\u{1b}OH\u{1b}OF\u{1b}[5~\u{1b}[6~\u{1b}[3~\u{1b}[2~\u{1b}[Z\t\r\u{7f}"])
            #expect(inputs == [
                .key(.up), .key(.down), .key(.right), .key(.left), .key(.home), .key(.end), .key(.pageUp), .key(.pageDown),
                .key(.delete), .key(.insert), .key(.backTab), .key(.tab), .key(.enter), .key(.backspace),
            ])
        }

        @Test func functionKeys() throws {
            let inputs = try Self.decode(["\u{1b}OP\u{1b}OQ\u{1b}OR\u{1b}OS\u{1b}[15~\u{1b}[17~\u{1b}[21~\u{1b}[24~"])
            #expect(inputs == [1, 2, 3, 4, 5, 6, 10, 12].map { .key(.function($0)) })
        }

        @Test func lettersControlsAndUTF8() throws {
            let inputs = try Self.decode(["aZ?\u{12}\u{01}é漢\n"])
            #expect(inputs == [
                .key(.character("a")), .key(.character("Z")), .key(.character("?")), .key(.control("r")), .key(.control("a")),
                .key(.character("é")), .key(.character("漢")), .key(.enter),
            ])
        }

        @Test func outsideUTF8OnlyASCIIIsTyped() throws {
            var inputs: [TerminalInput] = []
            try withTerminal(locale: "C") { terminal, pty in
                pty.type("aé\u{1b}[Ab")
                while let input = terminal.nextInput(timeoutMilliseconds: 150) { inputs.append(input) }
            }
            #expect(inputs == [.key(.character("a")), .key(.up), .key(.character("b"))])
        }

        @Test func escapeAloneIsAKeyAfterTheDelay() throws {
            let inputs = try Self.decode(["\u{1b}", "j", "\u{1b}"], pause: true)
            #expect(inputs == [.key(.escape), .key(.character("j")), .key(.escape)])
        }

        @Test func unknownSequencesAndAltKeysAreDroppedWhole() throws {
            let inputs = try Self.decode([
                "\u{1b}[99;5X", "a", "\u{1b}[1;5A", "b", "\u{1b}]11;rgb:0000/0000/0000\u{07}", "c", "\u{1b}P1$r0m\u{1b}\\", "d",
                "\u{1b}q", "e", "\u{1b}[<0;12;5M", "f", "\u{1b}[<35;120;40m", "g",
            ])
            #expect(inputs == ["a", "b", "c", "d", "e", "f", "g"].map { .key(.character($0)) })
        }

        @Test func aBracketedPasteIsTextNeverKeys() throws {
            let inputs = try Self.decode(["x\u{1b}[200~hello \u{1b}[A\u{1b}OPq\r\nline two\u{1b}[201~y"])
            #expect(inputs == [.key(.character("x")), .paste("hello \u{1b}[A\u{1b}OPq\nline two"), .key(.character("y"))])
        }

        @Test func aPasteArrivingInPiecesIsOnePaste() throws {
            var inputs: [TerminalInput] = []
            try withTerminal { terminal, pty in
                let master = pty.master
                let feeder = Thread {
                    for chunk in ["\u{1b}[200~one ", "two\r", "thr", "ee\u{1b}[2", "01~", "z"] {
                        PseudoTerminalPair.type(chunk, into: master)
                        usleep(60_000)
                    }
                }
                feeder.start()
                while let input = terminal.nextInput(timeoutMilliseconds: 500) { inputs.append(input) }
            }
            #expect(inputs == [.paste("one two\nthree"), .key(.character("z"))])
        }

        @Test func anOversizedPasteIsCutAndWhatFollowsIsStillAKey() throws {
            let big = String(repeating: "0123456789abcdef", count: 1_000)
            var inputs: [TerminalInput] = []
            try withTerminal { terminal, pty in
                terminal.pasteLimit = 5_000
                let master = pty.master
                let feeder = Thread {
                    PseudoTerminalPair.type("\u{1b}[200~" + big + "\u{1b}[201~k", into: master)
                }
                feeder.start()
                while let input = terminal.nextInput(timeoutMilliseconds: 2000) { inputs.append(input) }
            }
            guard case .paste(let text)? = inputs.first else {
                Issue.record("no paste: \(inputs.prefix(3))")
                return
            }
            #expect(text == String(big.prefix(5_000)))
            #expect(inputs.dropFirst() == [.key(.character("k"))])
        }
    }
}
