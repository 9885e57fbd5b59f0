/// What the cockpit's loop needs from a terminal; the ncurses adapter provides it, and
/// tests provide a screen in memory.
public protocol CockpitScreen: AnyObject {
    var size: Size { get }
    /// Shows the buffer; only what differs from the last one need reach the terminal.
    func draw(_ buffer: CellBuffer)
    /// The next key, paste or resize, waiting at most this long.
    func nextInput(timeoutMilliseconds: Int) -> TerminalInput?
    func setTitle(_ text: String)
    func bell()
    func notify(title: String, body: String)
    /// Drops whatever was typed and not yet read.
    func discardTypeAhead()
    /// Repaints everything on the next draw.
    func redrawAll()
    /// Gives the terminal to `body` (an editor) and takes it back.
    func suspend(_ body: () -> Void)
}
