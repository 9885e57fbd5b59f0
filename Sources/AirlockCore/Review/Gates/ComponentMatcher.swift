/// Matches one path component (its code points) against a component's glob tokens.
enum ComponentMatcher {
    /// Greedy with a single resume point (the last `*` seen): exact for a star over any run,
    /// and at worst tokens × characters steps.
    static func matches(_ tokens: [PathGlob.Token], _ text: [UInt32]) -> Bool {
        var t = 0, c = 0
        var resume: (token: Int, character: Int)?
        while c < text.count {
            if t < tokens.count {
                if tokens[t] == .anyRun {
                    resume = (t + 1, c)
                    t += 1
                    continue
                }
                if accepts(tokens[t], text[c]) {
                    t += 1
                    c += 1
                    continue
                }
            }
            guard let last = resume else { return false }
            // Let the last `*` take one more character and try again after it.
            resume = (last.token, last.character + 1)
            t = last.token
            c = last.character + 1
        }
        while t < tokens.count, tokens[t] == .anyRun { t += 1 }
        return t == tokens.count
    }

    private static func accepts(_ token: PathGlob.Token, _ character: UInt32) -> Bool {
        switch token {
        case .scalar(let value): value == character
        case .anyCharacter: true
        case .characterClass(let characterClass): characterClass.contains(character)
        case .anyRun: true
        }
    }
}
