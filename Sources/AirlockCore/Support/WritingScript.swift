/// The writing system a letter belongs to, by code-point range: enough to tell that a
/// name mixes scripts (`pаth.txt` with a Cyrillic "а"), not a full Unicode Script
/// property, which Foundation does not offer on Linux.
public enum WritingScript: String, Sendable, CaseIterable {
    case latin = "Latin"
    case greek = "Greek"
    case cyrillic = "Cyrillic"
    case armenian = "Armenian"
    case hebrew = "Hebrew"
    case arabic = "Arabic"
    case devanagari = "Devanagari"
    case thai = "Thai"
    case georgian = "Georgian"
    case cherokee = "Cherokee"
    /// Han, kana, bopomofo and Hangul, which Japanese, Chinese and Korean names combine.
    case cjk = "CJK"
    /// A letter of a script this table does not name.
    case other = "other"

    /// The script of a letter; nil for digits, punctuation, symbols, spaces and
    /// combining marks, which every script shares.
    public static func of(_ scalar: Unicode.Scalar) -> WritingScript? {
        let value = scalar.value
        if value < 0x80 {
            return scalar.properties.isAlphabetic ? .latin : nil
        }
        guard scalar.properties.isAlphabetic, !scalar.properties.generalCategory.isMark else { return nil }
        for (range, script) in table where range.contains(value) { return script }
        return .other
    }

    private static let table: [(ClosedRange<UInt32>, WritingScript)] = [
        (0x00C0...0x024F, .latin), (0x0250...0x02AF, .latin), (0x1D00...0x1DBF, .latin),
        (0x1E00...0x1EFF, .latin), (0x2C60...0x2C7F, .latin), (0xA720...0xA7FF, .latin),
        (0xAB30...0xAB6F, .latin), (0xFF21...0xFF3A, .latin), (0xFF41...0xFF5A, .latin),
        (0x0370...0x03FF, .greek), (0x1F00...0x1FFF, .greek),
        (0x0400...0x052F, .cyrillic), (0x1C80...0x1C8F, .cyrillic), (0x2DE0...0x2DFF, .cyrillic), (0xA640...0xA69F, .cyrillic),
        (0x0530...0x058F, .armenian), (0xFB13...0xFB17, .armenian),
        (0x0590...0x05FF, .hebrew), (0xFB1D...0xFB4F, .hebrew),
        (0x0600...0x06FF, .arabic), (0x0750...0x077F, .arabic), (0x08A0...0x08FF, .arabic),
        (0xFB50...0xFDFF, .arabic), (0xFE70...0xFEFF, .arabic),
        (0x0900...0x097F, .devanagari),
        (0x0E00...0x0E7F, .thai),
        (0x10A0...0x10FF, .georgian), (0x2D00...0x2D2F, .georgian),
        (0x13A0...0x13FF, .cherokee), (0xAB70...0xABBF, .cherokee),
        (0x1100...0x11FF, .cjk), (0x2E80...0x2FDF, .cjk), (0x3000...0x30FF, .cjk), (0x3100...0x31FF, .cjk),
        (0x3400...0x4DBF, .cjk), (0x4E00...0x9FFF, .cjk), (0xA960...0xA97F, .cjk), (0xAC00...0xD7FF, .cjk),
        (0xF900...0xFAFF, .cjk), (0xFF66...0xFFDC, .cjk), (0x20000...0x3FFFF, .cjk),
    ]
}

extension Unicode.GeneralCategory {
    fileprivate var isMark: Bool {
        self == .nonspacingMark || self == .spacingMark || self == .enclosingMark
    }
}
