import AirlockCore

/// Why the runner could not do what it was asked.
public enum RunnerError: Error, Equatable, CustomStringConvertible {
    case system(String, Int32)
    case cannotStart(String, String)
    case alreadyRunning(String, pid: Int32)
    case notRunning(String)
    case sandboxUnavailable(String)
    case feedbackNotWritten(String)

    public var description: String {
        switch self {
        case .system(let call, let code): return "\(call): \(SystemCalls.message(code))"
        case .cannotStart(let executable, let why): return "cannot start \(VisibleText.escape(executable)): \(why)"
        case .alreadyRunning(let name, let pid): return "an agent named \(VisibleText.escape(name)) already runs here (runner pid \(pid)): choose another --agent, or `airlock run --stop \(VisibleText.escape(name))`"
        case .notRunning(let name): return "no agent named \(VisibleText.escape(name)) runs here (airlock run --list shows those that do)"
        case .sandboxUnavailable(let why): return "--sandbox: bubblewrap \(why)"
        case .feedbackNotWritten(let why): return "the feedback file was not written: \(why)"
        }
    }
}
