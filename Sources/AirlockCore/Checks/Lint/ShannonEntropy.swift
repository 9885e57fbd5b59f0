import Foundation

/// Shannon entropy in bits per character, the measure gitleaks uses to tell a random
/// secret (`q8Zr1x…`, about 4 to 6 bits) from a placeholder (`changeme`, under 3).
enum ShannonEntropy {
    static func bitsPerCharacter(_ text: Substring) -> Double {
        var counts: [Character: Int] = [:]
        var total = 0
        for character in text {
            counts[character, default: 0] += 1
            total += 1
        }
        guard total > 0 else { return 0 }
        let length = Double(total)
        return counts.values.reduce(0) { sum, count in
            let p = Double(count) / length
            return sum - p * log2(p)
        }
    }
}
