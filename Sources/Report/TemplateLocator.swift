import Foundation

/// Finds the `templates/` folder: an explicit path, `$DCN_REPORT_TEMPLATES`, `./templates`, or the
/// repository the executable was built in (walking up from the executable).
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
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["DCN_REPORT_TEMPLATES"] { candidates.append(URL(fileURLWithPath: env)) }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("templates"))
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent("templates"))
            directory = directory.deletingLastPathComponent()
        }
        if let found = candidates.first(where: hasTemplates) { return found }
        throw ReportError("templates/report.mustache not found; run from the repository or pass --templates DIR")
    }

    static func hasTemplates(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("report.mustache").path)
    }
}
