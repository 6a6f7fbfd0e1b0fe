public import Foundation
import DCNCore
import Report
import RunFormat
import Runs

/// The rendered reports of the served runs, in a cache folder the server owns (never in the run folders).
///
/// A run's report is rendered when first asked for and again when the run has recorded another epoch or
/// changed status, so a training run's page follows it. While a newer report renders, requests that do not
/// insist on the newest (`fresh: false`) get the previous one at once, so many readers of a training run
/// never wait on its renders; the previous folder is removed only when the next one replaces it. Live pages use the PCA view (one basis from the
/// latest epoch): t-SNE over every epoch is too slow to redo per epoch; `dcn-report render` makes the final
/// static report. At most a set number of reports are kept; the least recently used goes first.
public actor ReportCache {
    public let folder: URL
    let templates: URL
    /// A run's current report folder, the report version it holds, and the folder it replaced (removed when
    /// the next one replaces it).
    private var entries: LeastRecentlyUsed<(version: String, folder: URL, retired: URL?)>
    private var inFlight: [String: Task<URL, Error>] = [:]

    /// - Parameters:
    ///   - folder: The cache folder (emptied first).
    ///   - templates: The report templates.
    ///   - limit: Rendered reports kept at once.
    public init(folder: URL, templates: URL, limit: Int = 24) {
        self.folder = folder
        self.templates = templates
        entries = LeastRecentlyUsed(limit: limit)
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The folder holding the report of the run at `runFolder`, rendering it when needed.
    /// - Parameter fresh: Wait for the report of the run as it is now; otherwise a previous report is
    ///   returned at once while the newer one renders.
    public func report(of runFolder: URL, key: String, fresh: Bool = true) async throws -> URL {
        let version = RunIndex.stamp(of: runFolder)
        let current = entries.use(key)
        if let current, current.version == version { return current.folder }
        let flightKey = key + "|" + version
        if !fresh, let stale = current {
            if inFlight[flightKey] == nil { Task { _ = try? await report(of: runFolder, key: key, fresh: true) } }
            return stale.folder
        }
        if let task = inFlight[flightKey] { return try await task.value }
        var hash = FNV1a()
        hash.mix(flightKey)
        let target = folder.appendingPathComponent(hash.hex)
        let templates = self.templates
        let task = Task<URL, Error> {
            // A render competes with the requests for the cores: at a lower priority, they go first.
            try await BackgroundThread.run {
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
                var options = RenderOptions()
                options.view = .pca
                options.pointCap = 10_000
                options.figureFormats = [.png]  // redrawn at every epoch: `render` makes the SVG and PDF
                options.servedAs = String(key.drop { $0 == "/" })
                let index = try RunPipeline.report(runDirectory: runFolder, into: target, templates: templates, render: options, quiet: true)
                try LivePage.patch(index, version: version)
                return target
            }
        }
        inFlight[flightKey] = task
        defer { inFlight[flightKey] = nil }
        let rendered = try await task.value
        var retired = entries.peek(key)?.retired
        if let old = entries.peek(key), old.folder != rendered {
            if let retired { try? FileManager.default.removeItem(at: retired) }
            retired = old.folder
        }
        for dropped in entries.set(key, (version, rendered, retired)).map(\.value) {
            try? FileManager.default.removeItem(at: dropped.folder)
            if let retired = dropped.retired { try? FileManager.default.removeItem(at: retired) }
        }
        return rendered
    }
}
