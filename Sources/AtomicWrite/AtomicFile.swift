import Foundation

/// Writes files so that a reader sees either the old contents or the complete new contents: the
/// bytes go to a temporary sibling, which is then renamed over the destination. Every file dcn-report
/// writes (recordings, models, figures, animations) goes through here.
public enum AtomicFile {
    /// Writes `data` to `url` atomically.
    /// - Parameters:
    ///   - data: The complete contents.
    ///   - url: The destination file.
    /// - Throws: ``FileWriteError`` naming the file when writing or renaming fails.
    public static func write(_ data: Data, to url: URL) throws(FileWriteError) {
        let temporary = temporarySibling(of: url.path)
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw FileWriteError(path: url.path, reason: error.localizedDescription)
        }
        try commit(temporary, to: url.path)
    }

    /// A hidden sibling of `path` for a writer that streams its file before ``commit(_:to:)``.
    /// - Parameter path: The destination.
    /// - Returns: `.NAME.PID.tmp` in the destination's folder.
    public static func temporarySibling(of path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
    }

    /// Renames a completed temporary file or folder over `path`; on failure the temporary is removed.
    /// - Parameters:
    ///   - temporary: The completed file or folder.
    ///   - path: The destination.
    /// - Throws: ``FileWriteError`` naming `path`.
    public static func commit(_ temporary: String, to path: String) throws(FileWriteError) {
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw FileWriteError(path: path, reason: reason)
        }
    }
}

/// A file that could not be written.
public struct FileWriteError: Error, CustomStringConvertible, Sendable {
    /// The destination.
    public let path: String
    /// Why, as the system said it.
    public let reason: String

    /// Creates an error about `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): cannot be written (\(reason))" }
}
