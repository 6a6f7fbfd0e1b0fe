public import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A URL path below the served folder, checked before any file is touched: percent-decoded once, every
/// component a plain name (no empty, `.`, `..`, NUL, backslash or embedded slash after decoding), and the
/// resolved location (symlinks followed) still inside the folder. Anything else is refused, which the
/// server answers with 404.
public enum RequestPath {
    /// The file or folder `components` name under `root`, or nil when the path is not allowed.
    /// - Parameters:
    ///   - components: The raw (still percent-encoded) path components after the route's prefix.
    ///   - root: The served folder, already resolved (``resolvedRoot(_:)``).
    public static func resolve(_ components: [Substring], under root: URL) -> URL? {
        guard let path = joined(components, under: root.path) else { return nil }
        guard let resolved = resolvingSymlinks(path) else { return nil }
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard resolved == root.path || resolved.hasPrefix(base) else { return nil }
        return URL(fileURLWithPath: resolved)
    }

    /// `path` with every symlink resolved (`realpath`, one call). When the path does not exist (yet), its
    /// longest existing prefix is resolved and the rest appended, so a symlink out of the folder is seen
    /// whatever follows it.
    static func resolvingSymlinks(_ path: String) -> String? {
        var existing = path, rest: [Substring] = []
        while true {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                var resolved = String(cString: real)
                for name in rest.reversed() { resolved += (resolved.hasSuffix("/") ? "" : "/") + name }
                return resolved
            }
            guard let slash = existing.lastIndex(of: "/"), slash != existing.startIndex else { return nil }
            rest.append(existing[existing.index(after: slash)...])
            existing = String(existing[..<slash])
        }
    }

    /// `root` followed by the decoded components, or nil when one is not a plain name. Touches no file.
    public static func joined(_ components: [Substring], under root: String) -> String? {
        var path = root
        for raw in components {
            guard let name = String(raw).removingPercentEncoding, !name.isEmpty, name != ".", name != "..",
                !name.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == 0 || $0 == UInt8(ascii: "\\") })
            else { return nil }
            if !path.hasSuffix("/") { path += "/" }
            path += name
        }
        return path
    }

    /// `folder` with symlinks resolved, the form ``resolve(_:under:)`` compares against.
    public static func resolvedRoot(_ folder: URL) -> URL {
        folder.resolvingSymlinksInPath().standardizedFileURL
    }
}
