/// How what `serve` shows speaks of files: never by a path of the server's disk. A path under the served
/// folder becomes its path relative to that folder; any other path (any word holding a `/`) its last name.
public enum ServedText {
    /// `text` with every path replaced by its file name.
    public static func fileNames(in text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            guard word.contains("/") else { return String(word) }
            // Keep punctuation around the path (a closing parenthesis, a colon after it).
            let trailing = word.reversed().prefix { ":,;)'\"".contains($0) }.count
            let leading = word.prefix { "('\"".contains($0) }.count
            let core = word.dropFirst(leading).dropLast(trailing)
            let name = core.split(separator: "/").last.map(String.init) ?? ""
            return word.prefix(leading) + name + word.suffix(trailing)
        }.joined(separator: " ")
    }

    /// `text` with paths under `root` made relative to it, and every other path replaced by its file name.
    /// - Parameters:
    ///   - text: A message, e.g. an error naming a file.
    ///   - root: The served folder's path.
    public static func relative(_ text: String, under root: String) -> String {
        let base = root.hasSuffix("/") ? root : root + "/"
        // A path under the folder keeps its folders: mark them so the file-name pass leaves them whole.
        let marker = "\u{1}"
        let marked = text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            guard let range = word.range(of: base) else { return String(word) }
            let rest = word[range.upperBound...].replacingOccurrences(of: "/", with: marker)
            return String(word[..<range.lowerBound]) + rest
        }.joined(separator: " ")
        return fileNames(in: marked).replacingOccurrences(of: marker, with: "/")
    }
}
