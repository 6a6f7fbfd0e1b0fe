import Foundation

/// Finds the `templates/` folder, in this order: an explicit path, `$DCN_REPORT_TEMPLATES`, the
/// installed copy beside the executable (`PREFIX/share/dcn-report/templates` for `PREFIX/bin/dcn-report`,
/// as `make install` lays it out), `./templates`, and the repository the executable was built in
/// (walking up from the executable).
public enum TemplateLocator {
    /// The templates folder to use.
    /// - Parameter explicit: A folder given on the command line, if any.
    /// - Returns: A folder holding `report.mustache`.
    /// - Throws: ``ReportError`` when none is found.
    public static func locate(explicit: String? = nil) throws -> URL {
        if let explicit {
            let url = URL(fileURLWithPath: explicit)
            guard hasTemplates(url) else { throw ReportError("\(explicit): no report.mustache in this folder") }
            return url
        }
        if let found = candidates().first(where: hasTemplates) { return found }
        throw ReportError(
            "templates/report.mustache not found: reinstall with `make install`, run from the repository, "
                + "or pass --templates DIR")
    }

    /// The folders searched when none is given, in order.
    static func candidates() -> [URL] {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["DCN_REPORT_TEMPLATES"] { candidates.append(URL(fileURLWithPath: env)) }
        let executableFolder = executable().deletingLastPathComponent()
        candidates.append(executableFolder.deletingLastPathComponent().appendingPathComponent("share/dcn-report/templates"))
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("templates"))
        var directory = executableFolder
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent("templates"))
            directory = directory.deletingLastPathComponent()
        }
        return candidates
    }

    /// The running executable's real path: `/proc/self/exe` on Linux (right even when the tool was
    /// started through `PATH` or a symlink), else the first argument.
    public static func executable() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    static func hasTemplates(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("report.mustache").path)
    }
}
