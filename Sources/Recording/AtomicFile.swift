import Foundation

/// Writes files so that a reader sees either the old contents or the complete new contents.
public enum AtomicFile {
    /// Writes `data` to a temporary sibling, then renames it over `url`.
    /// - Parameters:
    ///   - data: The complete contents.
    ///   - url: The destination file.
    /// - Throws: ``RecordingError`` naming the file when writing or renaming fails.
    public static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw RecordingError(url.path, "cannot be written (\(error.localizedDescription))")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw RecordingError(url.path, "cannot be written (\(reason))")
        }
    }
}

/// Why a run folder could not be written or read.
public struct RecordingError: Error, CustomStringConvertible, Sendable {
    /// The file or folder concerned.
    public let path: String
    /// What is wrong.
    public let problem: String

    /// Creates an error about `path`.
    public init(_ path: String, _ problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
