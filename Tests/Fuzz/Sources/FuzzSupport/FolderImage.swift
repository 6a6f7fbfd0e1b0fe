import Foundation

/// A run folder packed into one byte string, so that libFuzzer can mutate manifest and arrays together
/// (and find cross-file inconsistencies, which no single-file target can).
///
/// The image is a sequence of files, each introduced by a line `==> RELATIVE/PATH` and followed by its
/// bytes up to the next such line. Paths are restricted to a safe alphabet (letters, digits, `_`, `-`,
/// `.` and `/`, no `..`, no leading `/`) so a mutated image can only ever write inside the scratch folder;
/// other paths are dropped. `Tests/Fuzz/make-run-seed.sh` packs a real run folder into a seed.
public enum FolderImage {
    /// The separator before each file's path.
    public static let marker = Data("==> ".utf8)

    /// The files an image holds, in order; a path given twice keeps its last contents.
    public static func files(in image: Data) -> [(path: String, contents: Data)] {
        var files: [(String, Data)] = []
        var rest = image[...]
        while let start = rest.range(of: marker) {
            let afterMarker = rest[start.upperBound...]
            guard let lineEnd = afterMarker.firstIndex(of: UInt8(ascii: "\n")) else { break }
            let path = String(decoding: afterMarker[..<lineEnd], as: UTF8.self)
            let body = afterMarker[afterMarker.index(after: lineEnd)...]
            let end = body.range(of: marker)?.lowerBound ?? body.endIndex
            if isSafe(path) { files.append((path, Data(body[..<end]))) }
            rest = body[end...]
        }
        return files
    }

    /// Writes an image's files into `folder` (which should be empty).
    public static func unpack(_ image: Data, into folder: URL) {
        for (path, contents) in files(in: image) {
            let url = folder.appendingPathComponent(path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: url.path, contents: contents)
        }
    }

    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && path.count < 100 && !path.hasPrefix("/") && !path.contains("..") && !path.hasSuffix("/")
            && path.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-./".contains($0)) }
    }
}
