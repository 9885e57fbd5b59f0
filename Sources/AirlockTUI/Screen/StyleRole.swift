/// What a cell shows, named for the theme: a theme maps each role to colours and
/// attributes, and the terminal reduces them to what it can draw.
public enum StyleRole: String, CaseIterable, Sendable, Codable {
    // MARK: - frame
    case text, dim, border, borderFocused, title, titleFocused
    case statusBar, statusKey, help, dialog, dialogBorder, message, error
    /// An escaped character (`\x1b`, `\u{202e}`) standing in for what an agent wrote.
    case placeholder
    case searchMatch, badge, lineNumber
    // MARK: - diff
    case diffFileHeader, diffHunkHeader, diffContext, diffAdded, diffRemoved
    case diffWordAdded, diffWordRemoved, diffChosen, diffNotChosen, comment
    // MARK: - syntax (a foreground only: the tokens of a diff line, in place of its role)
    case syntaxKeyword, syntaxString, syntaxComment, syntaxNumber, syntaxType
    // MARK: - agents
    case agentWorking, agentWaiting, agentBlocked, agentIdle, agentExited, agentError, agentStale
    // MARK: - proposals and checks
    case stateWaiting, stateApproved, stateApplied, stateRejected, stateProblem, stateClosed
    case passed, failed, warning
    case severityCritical, severityHigh, severityMedium, severityLow, severityInfo
}
