/// Attributes a terminal draws text with, independent of colour.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let reverse = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)

    /// The names theme files use, in the order they are listed in messages.
    public static let named: [(name: String, attribute: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse), ("italic", .italic),
    ]
}

/// How a theme draws one role: colours (nil leaves the one underneath) and attributes.
public struct CellStyle: Hashable, Sendable {
    public var foreground: Colour?
    public var background: Colour?
    public var attributes: TextAttributes

    public init(foreground: Colour? = nil, background: Colour? = nil, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// This style with `overlay` on top: its colours where it has them, both attribute
    /// sets, except that reverse in both cancels out, so a reversed cell still changes
    /// when a reversing selection lands on it.
    public func combined(with overlay: CellStyle) -> CellStyle {
        var combined = attributes.union(overlay.attributes)
        if attributes.contains(.reverse) && overlay.attributes.contains(.reverse) { combined.remove(.reverse) }
        return CellStyle(
            foreground: overlay.foreground ?? foreground, background: overlay.background ?? background, attributes: combined)
    }
}
