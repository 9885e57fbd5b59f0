/// The timestamps `diff -u` writes after file names (`2024-05-01 10:00:00.000000000 +0200`).
enum Timestamp {
    /// A timestamp after a space at the end of a `---`/`+++` name that has no tab.
    static func find(in field: String) -> (nameLength: Int, timestamp: Substring)? {
        let bytes = Array(field.utf8)
        var i = bytes.count - 1
        while i > 0 {
            if bytes[i] == UInt8(ascii: " ") {
                let candidate = Substring(String(decoding: bytes[(i + 1)...], as: UTF8.self))
                if parse(candidate) != nil { return (i, candidate) }
            }
            i -= 1
        }
        return nil
    }

    /// Whether the timestamp is the Unix epoch in its own zone, which `diff -N` uses for a
    /// missing file.
    static func isEpoch(_ text: Substring) -> Bool {
        guard let seconds = parse(text) else { return false }
        return seconds == 0
    }

    /// Seconds since the epoch, or nil when this is not a `YYYY-MM-DD HH:MM:SS[.f] ±HHMM` stamp.
    static func parse(_ text: Substring) -> Int? {
        let parts = text.split(separator: " ")
        guard parts.count == 3 else { return nil }
        let date = parts[0].split(separator: "-"), time = parts[1].split(separator: ":")
        guard date.count == 3, time.count == 3,
            let year = Int(date[0]), let month = Int(date[1]), let day = Int(date[2]),
            let hour = Int(time[0]), let minute = Int(time[1]),
            let second = Int(time[2].split(separator: ".").first ?? ""),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let zone = parts[2]
        guard zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
            let zh = Int(zone.dropFirst().prefix(2)), let zm = Int(zone.suffix(2))
        else { return nil }
        let offset = (zh * 3600 + zm * 60) * (sign == "-" ? -1 : 1)
        return daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    private static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
