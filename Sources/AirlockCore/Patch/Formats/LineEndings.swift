/// The line endings of a workspace file, for the formats located by content.
///
/// Models write LF. On a file whose every line break is CRLF, the agent's text is matched
/// against the file's lines with the CR of each CRLF set aside, and the text it adds gets
/// CRLF: the match is as exact and as unambiguous as on an LF file, and the resolved patch
/// holds the file's real bytes, CR included. A file with both kinds of line break is
/// matched exactly as it is, and a failed match says that its endings are mixed.
enum LineEndings {
    enum Style: Equatable {
        /// No CRLF at all (possibly no line break at all).
        case lf
        /// Every line break is CRLF.
        case crlf
        case mixed(crlf: Int, lf: Int)
    }

    static let crlf: [UInt8] = [TextLines.carriageReturn, TextLines.newline]

    static func style(of content: [UInt8]) -> Style {
        var crlf = 0, lf = 0
        var previous: UInt8 = 0
        for byte in content {
            if byte == TextLines.newline {
                if previous == TextLines.carriageReturn { crlf += 1 } else { lf += 1 }
            }
            previous = byte
        }
        switch (crlf, lf) {
        case (0, _): return .lf
        case (_, 0): return .crlf
        default: return .mixed(crlf: crlf, lf: lf)
        }
    }

    /// The text with the CR of each CRLF removed; `restoringCR` undoes it exactly for text
    /// whose every line break was CRLF.
    static func removingCR(_ text: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        for byte in text {
            if byte == TextLines.newline, out.last == TextLines.carriageReturn { out.removeLast() }
            out.append(byte)
        }
        return out
    }

    /// The text with a CR put before every LF.
    static func restoringCR(_ text: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + text.count / 32)
        for byte in text {
            if byte == TextLines.newline { out.append(TextLines.carriageReturn) }
            out.append(byte)
        }
        return out
    }

    /// Hunks located in `removingCR(content)` of a CRLF file, as hunks of the file itself.
    static func restoringCR(_ hunks: [Hunk]) -> [Hunk] {
        hunks.map { hunk in
            var hunk = hunk
            hunk.lines = hunk.lines.map { HunkLine($0.kind, Bytes(restoringCR($0.text))) }
            return hunk
        }
    }

    /// Why text that would match with CRs set aside does not match a file with mixed endings.
    static func mixedHint(for text: [UInt8], in content: [UInt8]) -> String? {
        guard case .mixed(let crlf, let lf) = style(of: content) else { return nil }
        let pattern = removingCR(text)
        guard !pattern.isEmpty, !ByteSearch.occurrences(of: pattern, in: removingCR(content)).isEmpty else { return nil }
        return "the file's line endings are mixed (\(crlf) CRLF, \(lf) LF), so its lines are matched exactly, CR included; give the file one kind of line ending first"
    }
}
