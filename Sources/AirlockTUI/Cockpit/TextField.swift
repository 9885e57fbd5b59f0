import Foundation

/// Text a person types into a dialog: one line or several, edited at the end.
public struct TextField: Sendable, Equatable {
    public var text = ""
    public var multiline: Bool
    /// Refuses input past this many characters, so a runaway paste cannot grow it without end.
    public var limit: Int

    public init(_ text: String = "", multiline: Bool = false, limit: Int = 8192) {
        self.text = text
        self.multiline = multiline
        self.limit = limit
    }

    public enum Outcome: Equatable { case edited, submitted, cancelled, ignored }

    /// Enter submits a one-line field; in a multi-line field it starts a new line and
    /// Ctrl-S submits.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .character(let c):
            insert(String(c))
            return .edited
        case .backspace, .control("h"):
            if !text.isEmpty { text.removeLast() }
            return .edited
        case .control("u"):
            // Deletes the line being typed, as a shell does.
            if let newline = text.lastIndex(of: "\n") { text = String(text[...newline]) } else { text = "" }
            return .edited
        case .control("w"):
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " ", last != "\n" { text.removeLast() }
            return .edited
        case .enter:
            if multiline {
                insert("\n")
                return .edited
            }
            return .submitted
        case .control("s"):
            return .submitted
        case .escape:
            return .cancelled
        case .tab:
            insert(multiline ? "    " : " ")
            return .edited
        default:
            return .ignored
        }
    }

    /// Pasted text goes in as text: a newline in it never submits.
    public mutating func paste(_ pasted: String) {
        insert(multiline ? pasted : pasted.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "))
    }

    private mutating func insert(_ piece: String) {
        let room = limit - text.count
        guard room > 0 else { return }
        text += piece.count <= room ? piece : String(piece.prefix(room))
    }

    public var trimmed: String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
