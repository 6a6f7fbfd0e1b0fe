public import Foundation

/// A URL path below the served folder, checked before any file is touched: percent-decoded once, every
/// component a plain name (no empty, `.`, `..`, NUL or embedded slash after decoding), and the resolved
/// location (symlinks followed) still inside the folder. Anything else is refused, which the server
/// answers with 404.
public enum RequestPath {
    /// The file or folder `components` name under `root`, or nil when the path is not allowed.
    /// - Parameters:
    ///   - components: The raw (still percent-encoded) path components after the route's prefix.
    ///   - root: The served folder, already resolved (``resolvedRoot(_:)``).
    public static func resolve(_ components: [Substring], under root: URL) -> URL? {
        var url = root
        for raw in components {
            guard let name = String(raw).removingPercentEncoding, !name.isEmpty, name != ".", name != "..",
                  !name.contains("/"), !name.contains("\0"), !name.contains("\\") else { return nil }
            url.appendPathComponent(name)
        }
        let resolved = url.resolvingSymlinksInPath().standardizedFileURL
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard resolved.path == root.path || resolved.path.hasPrefix(base) else { return nil }
        return resolved
    }

    /// `folder` with symlinks resolved, the form ``resolve(_:under:)`` compares against.
    public static func resolvedRoot(_ folder: URL) -> URL {
        folder.resolvingSymlinksInPath().standardizedFileURL
    }
}
