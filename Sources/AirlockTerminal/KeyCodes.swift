import AirlockTUI
import CNcursesW

/// What ncurses' key codes and the control characters mean as `Key`s.
enum KeyCodes {
    /// The key for a code ncurses decoded (`KEY_UP`…); nil for one the cockpit has no use
    /// for (shifted arrows, mouse, keypad centre), which is dropped.
    static func key(code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME, KEY_FIND: .home
        case KEY_END, KEY_SELECT: .end
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_DC: .delete
        case KEY_IC: .insert
        case KEY_BACKSPACE: .backspace
        case KEY_BTAB: .backTab
        case KEY_ENTER: .enter
        case airlock_key_f(1)...airlock_key_f(12): .function(Int(code - airlock_key_f(0)))
        default: nil
        }
    }

    /// The key for a character typed (not part of an escape sequence); nil for a control
    /// character with no meaning here, which is dropped.
    static func key(character value: UInt32) -> Key? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x1B: return .escape
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(UInt8(0x60 + value))))
        case 0x00..<0x20, 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
