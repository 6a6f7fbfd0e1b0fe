import Foundation
import Mustache
public import RunFormat
import AtomicWrite

/// Writes `index.html` for a rendered run from the Mustache templates in `templates/`.
public enum ReportWriter {
    /// Renders the report page.
    /// - Parameters:
    ///   - run: The recording.
    ///   - figures: What ``FigureRenderer`` produced.
    ///   - directory: The report folder.
    ///   - templates: The folder holding `report.mustache`.
    /// - Returns: The path of `index.html`.
    /// - Throws: ``ReportError`` for a missing or broken template or an unwritable file.
    ///   - selfContained: Inline every image and figure as a `data:` URI so the page is one file.
    ///   - servedAs: For a page `serve` shows, the run's path under the served folder (``RenderOptions/servedAs``).
    ///   - publishedIn: The folder the page will be moved to, when `directory` is a staging folder (links
    ///     to the run folder are made relative to it).
    @discardableResult
    public static func write(
        run: RecordedRun, figures: RenderedFigures, to directory: URL, templates: URL, selfContained: Bool = false,
        servedAs: String? = nil, publishedIn: URL? = nil
    ) throws -> URL {
        let library = try loadLibrary(templates)
        let recordingPath = relativePath(of: run.directory, from: publishedIn ?? directory)
        let methods = MethodsDocument(run: run, heldThrough: figures.startKeptThrough)
        var page = ReportPage(run: run, figures: figures, recordingPath: recordingPath, methods: methods)
        if let servedAs { page = page.served(as: servedAs) }
        guard var html = library.render(page, withTemplate: "report") else {
            throw ReportError("\(templates.path)/report.mustache: template not found")
        }
        if selfContained {
            let files =
                figures.framePaths + [figures.animationPath, figures.apngPath] + figures.figures.flatMap(\.paths)
                + (figures.centrePaths ?? [])
            html = try inline(files, in: html, from: directory)
        }
        let url = directory.appendingPathComponent("index.html")
        do {
            for (name, text) in [("methods.md", methods.markdown), ("methods.tex", methods.latex), ("methods.bib", methods.bibtex)] {
                try AtomicFile.write(Data(text.utf8), to: directory.appendingPathComponent(name))
            }
            try AtomicFile.write(Data(html.utf8), to: url)
        } catch {
            throw ReportError("\(error)")
        }
        return url
    }

    /// Replaces every quoted reference to one of `files` by a base64 `data:` URI of its contents.
    static func inline(_ files: [String], in html: String, from directory: URL) throws -> String {
        var html = html
        for file in Set(files) {
            let url = directory.appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ReportError("\(url.path): cannot be read to inline it")
            }
            let type: String
            switch url.pathExtension.lowercased() {
            case "gif": type = "image/gif"
            case "svg": type = "image/svg+xml"
            case "pdf": type = "application/pdf"
            default: type = "image/png"
            }
            html = html.replacingOccurrences(of: "\"\(file)\"", with: "\"data:\(type);base64,\(data.base64EncodedString())\"")
        }
        return html
    }

    static func loadLibrary(_ templates: URL, name: String = "report") throws -> MustacheLibrary {
        var library = MustacheLibrary()
        let file = templates.appendingPathComponent("\(name).mustache")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ReportError("\(file.path): template not found (set --templates to the repository's templates/ folder)")
        }
        do {
            try library.register(String(decoding: data, as: UTF8.self), named: name)
        } catch {
            throw ReportError("\(file.path): template does not parse (\(error))")
        }
        return library
    }

    static func relativePath(of target: URL, from base: URL) -> String {
        let targetPath = target.standardizedFileURL.path, basePath = base.standardizedFileURL.path
        if targetPath.hasPrefix(basePath + "/") { return String(targetPath.dropFirst(basePath.count + 1)) + "/" }
        return targetPath
    }
}

/// Why the report could not be written.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, naming the file.
    public let message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
