import CNcursesW

/// How the terminal tells the person something happened while they look elsewhere.
public enum NotificationStyle: String, Sendable, CaseIterable {
    /// OSC 9 (iTerm2, kitty, WezTerm, Windows Terminal): the body only.
    case osc9
    /// OSC 777 (urxvt, foot, Ghostty, VTE terminals): a title and a body.
    case osc777
    /// The terminal's bell.
    case bell
    case off
}

extension Terminal {
    /// Sets the window title (OSC 2) when the terminal takes one; the text is shown, never
    /// obeyed: controls become visible placeholders.
    public func setTitle(_ text: String) {
        guard capabilities.title else { return }
        if !titleSaved {
            titleSaved = true
            write("\u{1b}[22;0t")
        }
        write(Self.titleSequence(text, unicode: capabilities.unicode))
    }

    /// Rings the terminal's bell (or flashes it, as the terminal does).
    public func bell() {
        guard !stopped else { return }
        _ = beep()
    }

    /// A desktop notification in the terminal's `notificationStyle`.
    public func notify(title: String, body: String) {
        notify(title: title, body: body, style: notificationStyle)
    }

    /// A desktop notification through the terminal, with agent text made harmless.
    public func notify(title: String, body: String, style: NotificationStyle) {
        switch style {
        case .off: return
        case .bell: bell()
        case .osc9, .osc777: write(Self.notificationSequence(title: title, body: body, style: style, unicode: capabilities.unicode))
        }
    }

    // MARK: - Sequences

    static func titleSequence(_ text: String, unicode: Bool) -> String {
        "\u{1b}]2;\(TerminalText.sanitised(text, unicode: unicode))\u{07}"
    }

    static func notificationSequence(title: String, body: String, style: NotificationStyle, unicode: Bool) -> String {
        switch style {
        case .osc9:
            let text = title.isEmpty ? body : "\(title): \(body)"
            // OSC 9 followed by a digit and `;` means something else to ConEmu: start with text.
            var shown = TerminalText.sanitised(text, unicode: unicode)
            if shown.first?.isNumber == true { shown = " " + shown }
            return "\u{1b}]9;\(shown)\u{07}"
        case .osc777:
            let shownTitle = TerminalText.sanitised(title, unicode: unicode, limit: 80, semicolons: false)
            let shownBody = TerminalText.sanitised(body, unicode: unicode, semicolons: false)
            return "\u{1b}]777;notify;\(shownTitle);\(shownBody)\u{07}"
        case .bell, .off:
            return ""
        }
    }
}
