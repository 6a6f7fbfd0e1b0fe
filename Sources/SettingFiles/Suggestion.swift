/// "Did you mean" for a misspelt flag or config key: the known name with the fewest single-character
/// edits (Levenshtein distance), when it is close enough to be the one meant.
public enum Suggestion {
    /// The closest of `names` to `word`, within a third of the word's length (at least 1 edit, at most 3).
    public static func closest(to word: String, among names: some Collection<String>) -> String? {
        let limit = min(3, max(1, word.count / 3))
        let scored = names.map { ($0, distance(word, $0)) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }?.0
    }

    /// " (did you mean --lambda?)" for `word`, or "" when nothing is close.
    public static func hint(for word: String, among names: some Collection<String>, prefix: String = "") -> String {
        closest(to: word, among: names).map { " (did you mean \(prefix)\($0)?)" } ?? ""
    }

    /// The number of single-character insertions, deletions and substitutions between two strings.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
