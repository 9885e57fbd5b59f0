import AirlockCore
import Foundation

/// The feedback a rejection sends the agent: written in the reviewer's editor when one is
/// configured (`review.editor`, then `$VISUAL`, then `$EDITOR`), typed at the prompt
/// otherwise.
struct Feedback {
    let console: ReviewConsole
    let editor: String?

    init(console: ReviewConsole, configuredEditor: String, environment: [String: String]) {
        self.console = console
        editor = [configuredEditor, environment["VISUAL"] ?? "", environment["EDITOR"] ?? ""]
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
    }

    /// The feedback, or nil when it came back empty (which cancels the rejection).
    func collect(for proposal: Proposal, terminal: Int32?) throws(ReviewEnded) -> String? {
        let text: String
        if let editor, let terminal {
            do {
                text = try FeedbackEditor(command: editor, terminal: terminal).edit(template: Self.template(for: proposal))
            } catch {
                console.line("The editor did not give feedback: \(error). Nothing decided.", .failed)
                return nil
            }
        } else {
            text = try typed()
        }
        let feedback = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if feedback.isEmpty {
            console.line("No feedback: nothing decided.", .notice)
            return nil
        }
        return feedback
    }

    private func typed() throws(ReviewEnded) -> String {
        console.line("Feedback for the agent; end with a line containing only '.':")
        var lines: [String] = []
        while true {
            let line = try console.readRaw()
            if line.trimmingCharacters(in: .whitespaces) == "." { break }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// The editor's starting text; `#` lines are removed afterwards.
    static func template(for proposal: Proposal) -> String {
        """

        # Feedback for \(VisibleText.escape(proposal.agent)) on proposal #\(proposal.id): \(VisibleText.escape(proposal.title))
        # Say what to change. Lines starting with '#' are removed;
        # an empty message cancels the rejection.

        """
    }

    static func strippingComments(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#") }
            .joined(separator: "\n")
    }
}
