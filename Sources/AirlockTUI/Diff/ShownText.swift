import AirlockCore

/// A line's bytes as the diff pane shows them: tabs expanded to the next multiple of
/// `tabWidth` columns, control characters, escape sequences, look-alikes and invalid
/// UTF-8 replaced by `VisibleText`'s placeholders, each piece with its role.
///
/// Only as much of the line is read as `columns` asks for, so a minified megabyte on one
/// line costs no more per frame than a short one.
struct ShownText {
    /// Four columns: code indented with tabs stays readable in half a terminal.
    static let tabWidth = 4

    struct Piece: Equatable {
        var text: String
        var width: Int
        var role: StyleRole
        /// ASCII, so it may be cut at any column when wrapped (placeholders included).
        var isASCII: Bool
    }

    private(set) var pieces: [Piece] = []
    private(set) var width = 0
    /// The line holds more than was read.
    private(set) var isCut = false

    /// Reads `bytes` until `columns` columns are filled. `roles`, when given, holds a role
    /// per byte overriding `base` (word highlights, search matches).
    init(_ bytes: Bytes, base: StyleRole, roles: [StyleRole]? = nil, columns: Int) {
        // Zero-width characters fill no columns: bound the bytes read as well.
        let byteLimit = columns > Int.max / 32 ? Int.max : columns * 16 + 64
        bytes.withUnsafeBufferPointer { buffer in
            var run = "", runRole = base, i = 0
            func roleAt(_ i: Int) -> StyleRole {
                guard let roles, i < roles.count else { return base }
                return roles[i]
            }
            func flush() {
                guard !run.isEmpty else { return }
                pieces.append(Piece(text: run, width: run.utf8.count, role: runRole, isASCII: true))
                width += run.utf8.count
                run = ""
            }
            func add(ascii text: String, role: StyleRole) {
                if role != runRole { flush() }
                runRole = role
                run += text
            }
            while i < buffer.count {
                if width + run.utf8.count >= columns || i >= byteLimit {
                    isCut = true
                    break
                }
                let byte = buffer[i]
                let role = roleAt(i)
                switch byte {
                case 0x20...0x7E:
                    // A run of printable ASCII of one role, as far as the columns go.
                    let room = columns - width - run.utf8.count
                    var end = i + 1
                    while end < buffer.count, end - i < room, (0x20...0x7E).contains(buffer[end]), roleAt(end) == role {
                        end += 1
                    }
                    add(ascii: String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<end]), as: UTF8.self), role: role)
                    i = end
                case 0x09:
                    let column = width + run.utf8.count
                    add(ascii: String(repeating: " ", count: Self.tabWidth - column % Self.tabWidth), role: role)
                    i += 1
                case 0..<0x80:
                    add(ascii: VisibleText.escape(bytes: CollectionOfOne(byte)), role: role == .searchMatch ? role : .placeholder)
                    i += 1
                default:
                    let length = Self.scalarLength(buffer, at: i)
                    guard length > 0 else {
                        add(ascii: VisibleText.escape(bytes: CollectionOfOne(byte)), role: role == .searchMatch ? role : .placeholder)
                        i += 1
                        continue
                    }
                    let scalar = String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<(i + length)]), as: UTF8.self)
                    i += length
                    let shown = VisibleText.escape(scalar)
                    if shown != scalar {
                        add(ascii: shown, role: role == .searchMatch ? role : .placeholder)
                        continue
                    }
                    let w = DisplayWidth.of(scalar)
                    if w == 0 {
                        // A combining mark draws over the character before it.
                        if !run.isEmpty {
                            flush()
                        }
                        if !pieces.isEmpty { pieces[pieces.count - 1].text += scalar }
                        continue
                    }
                    flush()
                    pieces.append(Piece(text: scalar, width: w, role: role, isASCII: false))
                    width += w
                }
            }
            flush()
        }
    }

    /// The length of the well-formed UTF-8 sequence at `i`, or 0.
    static func scalarLength(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let lead = buffer[i]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard i + length <= buffer.count else { return 0 }
        for k in 1..<length where buffer[i + k] & 0xC0 != 0x80 { return 0 }
        // Overlong forms and surrogates, which `String(validating:)` would refuse too.
        let second = buffer[i + 1]
        switch lead {
        case 0xE0 where second < 0xA0, 0xED where second > 0x9F, 0xF0 where second < 0x90, 0xF4 where second > 0x8F:
            return 0
        default:
            return length
        }
    }

    // MARK: - laying out

    /// The pieces cut into screen lines of `columns` columns (one line, cut, when not
    /// wrapping), at most `maxLines` of them.
    func lines(columns: Int, wrap: Bool, maxLines: Int = .max) -> [[Piece]] {
        guard columns > 0 else { return [[]] }
        var result: [[Piece]] = [[]], used = 0
        for var piece in pieces {
            while true {
                if used + piece.width <= columns {
                    result[result.count - 1].append(piece)
                    used += piece.width
                    break
                }
                if piece.isASCII, used < columns {
                    let room = columns - used
                    let head = String(piece.text.utf8.prefix(room)) ?? ""
                    result[result.count - 1].append(Piece(text: head, width: room, role: piece.role, isASCII: true))
                    piece.text = String(piece.text.utf8.dropFirst(room)) ?? ""
                    piece.width -= room
                }
                guard wrap, result.count < maxLines else { return result }
                result.append([])
                used = 0
            }
        }
        return result
    }

    /// How many screen lines of `columns` columns the text takes when wrapped.
    func lineCount(columns: Int, maxLines: Int = .max) -> Int {
        lines(columns: columns, wrap: true, maxLines: maxLines).count
    }
}
