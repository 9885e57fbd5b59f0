import AirlockTUI
import Foundation
import Testing

@testable import AirlockTerminal

extension NcursesTests {
    /// What the adapter writes besides cells: bracketed paste, title, notifications, bell;
    /// and what it does around an editor and a resize.
    @Suite("Terminal side effects")
    struct TerminalSideEffectTests {
        @Test func bracketedPasteIsOnWhileRunningAndOffAfterStop() throws {
            let pty = try PseudoTerminalPair(width: 40, height: 8)
            let terminal = try Terminal(theme: .default, input: pty.slave, output: pty.slave, terminalType: "xterm-256color", locale: "C.UTF-8", environment: [:])
            #expect(String(decoding: pty.sent(), as: UTF8.self).contains("\u{1b}[?2004h"))
            terminal.stop()
            let after = String(decoding: pty.sent(), as: UTF8.self)
            #expect(after.contains("\u{1b}[?2004l"))
            // The main screen back (xterm's rmcup).
            #expect(after.contains("\u{1b}[?1049l"))
            terminal.stop()
            terminal.draw(CellBuffer(width: 40, height: 8))
            #expect(terminal.nextInput(timeoutMilliseconds: 0) == nil)
            #expect(pty.sent().isEmpty)
        }

        @Test func theTitleIsSetWithItsTextDefused() throws {
            try withTerminal { terminal, pty in
                terminal.setTitle("airlock · #12 \u{1b}]0;pwned\u{07}\u{9d}x")
                // The person's own title is saved first, once, and put back at the end.
                #expect(String(decoding: pty.sent(), as: UTF8.self) == "\u{1b}[22;0t\u{1b}]2;airlock · #12 \\x1b]0;pwned\\x07\\x9dx\u{07}")
                terminal.setTitle("airlock · 2 waiting")
                #expect(String(decoding: pty.sent(), as: UTF8.self) == "\u{1b}]2;airlock · 2 waiting\u{07}")
                terminal.stop()
                #expect(String(decoding: pty.sent(), as: UTF8.self).hasPrefix("\u{1b}[23;0t"))
            }
            try withTerminal(type: "vt100") { terminal, pty in
                #expect(!terminal.capabilities.title)
                terminal.setTitle("airlock")
                #expect(pty.sent().isEmpty)
            }
        }

        @Test func notificationsAndTheBell() throws {
            try withTerminal { terminal, pty in
                terminal.draw(CellBuffer(width: 40, height: 8))
                _ = pty.sent()
                terminal.notify(title: "#12 ready", body: "coder-1; add retry\u{1b}[2J", style: .osc777)
                #expect(String(decoding: pty.sent(), as: UTF8.self) == "\u{1b}]777;notify;#12 ready;coder-1, add retry\\x1b[2J\u{07}")
                terminal.notify(title: "#12 ready", body: "add retry", style: .osc9)
                #expect(String(decoding: pty.sent(), as: UTF8.self) == "\u{1b}]9;#12 ready: add retry\u{07}")
                terminal.notify(title: "x", body: "y", style: .off)
                #expect(pty.sent().isEmpty)
                // Without a style: the terminal's own, off until set.
                terminal.notify(title: "x", body: "y")
                #expect(pty.sent().isEmpty)
                terminal.notificationStyle = .osc9
                terminal.notify(title: "x", body: "y")
                #expect(String(decoding: pty.sent(), as: UTF8.self) == "\u{1b}]9;x: y\u{07}")
                terminal.notify(title: "x", body: "y", style: .bell)
                #expect(pty.sent() == [0x07])
            }
        }

        @Test func suspendingForAnEditorGivesTheScreenBackAndDrawsItAgain() throws {
            try withTerminal { terminal, pty in
                var buffer = CellBuffer(width: 40, height: 8)
                buffer.put("queue #12", x: 0, y: 3)
                terminal.draw(buffer)
                _ = pty.sent()
                var ran = false
                terminal.suspend {
                    ran = true
                    let during = String(decoding: pty.sent(), as: UTF8.self)
                    #expect(during.contains("\u{1b}[?2004l") && during.contains("\u{1b}[?1049l"))
                }
                #expect(ran)
                let after = String(decoding: pty.sent(), as: UTF8.self)
                #expect(after.contains("\u{1b}[?2004h") && after.contains("\u{1b}[?1049h"))
                #expect(after.contains("queue #12"))
                #expect(terminal.heldRow(3) == "queue #12")
            }
        }

        @Test func typeAheadIsDiscarded() throws {
            try withTerminal { terminal, pty in
                pty.type("ay")
                // Typed before the dialog was on screen: gone, whatever it was.
                Thread.sleep(forTimeInterval: 0.05)
                terminal.discardTypeAhead()
                pty.type("n")
                #expect(terminal.nextInput(timeoutMilliseconds: 300) == .key(.character("n")))
                #expect(terminal.nextInput(timeoutMilliseconds: 50) == nil)
            }
        }

        @Test func redrawingAllSendsTheWholeScreenAgain() throws {
            try withTerminal { terminal, pty in
                var buffer = CellBuffer(width: 40, height: 8)
                buffer.put("queue #12", x: 0, y: 3)
                terminal.draw(buffer)
                _ = pty.sent()
                terminal.draw(buffer)
                #expect(pty.sent().isEmpty)
                terminal.redrawAll()
                terminal.draw(buffer)
                #expect(String(decoding: pty.sent(), as: UTF8.self).contains("queue #12"))
            }
        }

        @Test func aResizeArrivesAsInputWithTheNewSize() throws {
            try withTerminal { terminal, pty in
                try pty.resize(width: 50, height: 12)
                // Test processes block SIGWINCH; ncurses' handler runs once it is let through.
                var winch = sigset_t()
                sigemptyset(&winch)
                sigaddset(&winch, SIGWINCH)
                var previous = sigset_t()
                pthread_sigmask(SIG_UNBLOCK, &winch, &previous)
                defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
                _ = raise(SIGWINCH)
                #expect(terminal.nextInput(timeoutMilliseconds: 500) == .resize(Size(width: 50, height: 12)))
                #expect(terminal.size == Size(width: 50, height: 12))
                var buffer = CellBuffer(width: 50, height: 12)
                buffer.put("wider", x: 45, y: 11)
                terminal.draw(buffer)
                #expect(terminal.heldRow(11).hasSuffix("wider"))
            }
        }
    }
}
