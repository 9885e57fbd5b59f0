/// A lint rule's ICU pattern in the syntax `rg`'s default engine (Rust `regex`) accepts:
/// look-arounds and possessive quantifiers are dropped. The result matches at least
/// what the rule matches and costs `rg` about as much, which is what the comparison needs.
enum RipgrepPattern {
    static func convert(_ icu: String) -> String {
        let characters = Array(icu)
        var out = ""
        var i = 0
        var inClass = false
        while i < characters.count {
            let c = characters[i]
            if c == "\\", i + 1 < characters.count {
                out.append(c)
                out.append(characters[i + 1])
                i += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                out.append(c)
                i += 1
                continue
            }
            if c == "[" {
                inClass = true
                out.append(c)
                // A `]` right after `[` or `[^` is a literal member.
                if i + 1 < characters.count, characters[i + 1] == "^" { out.append("^"); i += 1 }
                if i + 1 < characters.count, characters[i + 1] == "]" { out.append("]"); i += 1 }
                i += 1
                continue
            }
            if c == "(", i + 2 < characters.count, characters[i + 1] == "?",
                characters[i + 2] == "=" || characters[i + 2] == "!" || (characters[i + 2] == "<" && i + 3 < characters.count && (characters[i + 3] == "=" || characters[i + 3] == "!"))
            {
                i = skipGroup(characters, from: i)
                continue
            }
            if c == "+", out.last == "}", !out.hasSuffix("\\}") {
                // Possessive quantifier: `{m,n}+` is `{m,n}` for `rg`.
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// The index after the group opening at `start`, honouring escapes, classes and nesting.
    private static func skipGroup(_ characters: [Character], from start: Int) -> Int {
        var depth = 0
        var i = start
        var inClass = false
        while i < characters.count {
            let c = characters[i]
            if c == "\\" {
                i += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
            } else if c == "[" {
                inClass = true
                if i + 1 < characters.count, characters[i + 1] == "^" { i += 1 }
                if i + 1 < characters.count, characters[i + 1] == "]" { i += 1 }
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth -= 1
                if depth == 0 { return i + 1 }
            }
            i += 1
        }
        return i
    }
}
