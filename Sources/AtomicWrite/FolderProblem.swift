import Foundation

/// Why a folder cannot be created, in words a user can act on: the nearest existing ancestor and what
/// is wrong with it (not a folder, not writable), instead of Foundation's generic message.
public enum FolderProblem {
    /// A short reason for `url` not being creatable.
    /// - Parameters:
    ///   - url: The folder that could not be created.
    ///   - error: The error creating it gave, used when no better reason is found.
    public static func describe(_ url: URL, error: Error) -> String {
        let files = FileManager.default
        var ancestor = url.standardizedFileURL.deletingLastPathComponent()
        while ancestor.path != "/" && !files.fileExists(atPath: ancestor.path) { ancestor = ancestor.deletingLastPathComponent() }
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: ancestor.path, isDirectory: &isFolder) {
            if !isFolder.boolValue { return "\(ancestor.path) is a file, not a folder" }
            if !files.isWritableFile(atPath: ancestor.path) { return "\(ancestor.path) is not writable" }
        }
        let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
        return "\(ancestor.path) does not accept new folders (\(reason))"
    }
}
