/// Code points that show nothing, or show as something they are not, besides the control
/// and format characters `VisibleText` escapes by category: the rest of Unicode's
/// default-ignorable set, Hangul fillers (an identifier made of U+3164 looks empty), the
/// blank braille pattern, spaces other than U+0020, variation selectors, and combining
/// marks that strike through or enclose the character before them (`a\u{338}` passes for
/// a crossed-out "a", `!\u{20e5}` for something else).
enum HiddenScalars {
    /// Sorted, non-overlapping; `contains` is reached only for non-ASCII code points.
    private static let ranges: [ClosedRange<UInt32>] = [
        0x00A0...0x00A0,  // no-break space
        0x00AD...0x00AD,  // soft hyphen
        0x0334...0x0338,  // combining tilde/stroke/solidus overlays
        0x034F...0x034F,  // combining grapheme joiner
        0x061C...0x061C,  // Arabic letter mark
        0x115F...0x1160,  // Hangul choseong and jungseong fillers
        0x1680...0x1680,  // Ogham space mark
        0x17B4...0x17B5,  // Khmer inherent vowels
        0x180B...0x180F,  // Mongolian variation selectors and vowel separator
        0x1CD4...0x1CD4,  // Vedic tone overlay
        0x1CE2...0x1CE8,  // Vedic overlays
        0x2000...0x200F,  // typographic spaces, zero-width characters, direction marks
        0x2028...0x202F,  // line and paragraph separators, bidirectional embeddings, narrow no-break space
        0x205F...0x206F,  // medium mathematical space, word joiner, invisible operators, bidirectional isolates
        0x20D2...0x20D3,  // combining long and short vertical line overlays
        0x20D8...0x20DA,  // combining ring overlays
        0x20DD...0x20E0,  // combining enclosing circle, square, diamond, circle backslash
        0x20E2...0x20E6,  // combining enclosing screen, keycap, triangle; reverse solidus and double vertical stroke overlays
        0x20EA...0x20EB,  // combining leftwards arrow and long double solidus overlays
        0x2800...0x2800,  // braille pattern blank
        0x3000...0x3000,  // ideographic space
        0x3164...0x3164,  // Hangul filler
        0xFE00...0xFE0F,  // variation selectors, emoji presentation selector among them
        0xFEFF...0xFEFF,  // byte order mark, zero-width no-break space
        0xFFA0...0xFFA0,  // halfwidth Hangul filler
        0xFFF0...0xFFF8,  // reserved default-ignorable
        0x1BCA0...0x1BCA3,  // shorthand format controls
        0x1D173...0x1D17A,  // musical symbol format controls
        0xE0000...0xE0FFF,  // tags, variation selectors supplement, reserved default-ignorable
    ]

    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        var low = 0, high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < value {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < ranges.count && ranges[low].contains(value)
    }
}
