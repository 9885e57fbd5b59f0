import Foundation
import Testing

@testable import AirlockTerminal

extension NcursesTests {
    /// What happens when SIGINT, SIGTERM or SIGHUP would end the cockpit: checked without
    /// killing the test process, by reading the handlers and running the restore itself.
    @Suite("Fatal signals")
    struct FatalSignalTests {
        static func handlerBits(_ signal: Int32) -> Int {
            var action = sigaction()
            _ = sigaction(signal, nil, &action)
            return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
        }

        @Test func handlersAreInstalledWhileRunningAndTheOldOnesPutBack() throws {
            let before = FatalSignals.handled.map(Self.handlerBits)
            try withTerminal { _, _ in
                let during = FatalSignals.handled.map(Self.handlerBits)
                #expect(Set(during).count == 1)
                #expect(!before.contains(during[0]))
                // ncurses' own resize handler is left alone.
                #expect(Self.handlerBits(SIGWINCH) != during[0])
            }
            #expect(FatalSignals.handled.map(Self.handlerBits) == before)
        }

        @Test func theRestoreGivesBackTheModesAndTheScreen() throws {
            let pty = try PseudoTerminalPair(width: 40, height: 8)
            var original = termios()
            _ = tcgetattr(pty.slave, &original)
            let terminal = try Terminal(theme: .default, input: pty.slave, output: pty.slave, terminalType: "xterm-256color", locale: "C.UTF-8", environment: [:])
            defer { terminal.stop() }
            var running = termios()
            _ = tcgetattr(pty.slave, &running)
            #expect(running.c_lflag & tcflag_t(ICANON | ECHO) == 0)
            _ = pty.sent()

            FatalSignals.restoreTerminal()
            var restored = termios()
            _ = tcgetattr(pty.slave, &restored)
            #expect(restored.c_lflag == original.c_lflag)
            let sent = String(decoding: pty.sent(), as: UTF8.self)
            // Attributes off, cursor shown, keypad mode off, the main screen, paste off.
            for part in ["\u{1b}(B\u{1b}[m", "\u{1b}[?12l\u{1b}[?25h", "\u{1b}[?1l\u{1b}>", "\u{1b}[?1049l", "\u{1b}[?2004l"] {
                #expect(sent.contains(part), "missing \(part.debugDescription) in \(sent.debugDescription)")
            }
        }
    }
}
