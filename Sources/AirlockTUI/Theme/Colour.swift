/// A colour as a theme names it, before the terminal reduces it to what it can show.
public enum Colour: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 16 ANSI colours: 0–7 the normal ones, 8–15 their `bright-` forms.
    case ansi(Int)
    /// An entry of the 256-colour palette.
    case indexed(Int)
    case rgb(red: UInt8, green: UInt8, blue: UInt8)

    /// The ANSI names in palette order; `bright-NAME` is the same index plus 8.
    public static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Reads a name (`red`, `bright-red`, `default`) or `#rrggbb`; nil for anything else.
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "default" {
            self = .terminalDefault
        } else if let index = Self.ansiNames.firstIndex(of: lowered) {
            self = .ansi(index)
        } else if lowered.hasPrefix("bright-"), let index = Self.ansiNames.firstIndex(of: String(lowered.dropFirst(7))) {
            self = .ansi(index + 8)
        } else if lowered.utf8.count == 7, lowered.hasPrefix("#"), lowered.dropFirst().allSatisfy(\.isHexDigit),
            let value = UInt32(lowered.dropFirst(), radix: 16)
        {
            self = .rgb(red: UInt8(value >> 16), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
        } else {
            return nil
        }
    }

    /// A palette index 0–255; nil outside it.
    public init?(index: Int) {
        guard (0...255).contains(index) else { return nil }
        self = .indexed(index)
    }
}
