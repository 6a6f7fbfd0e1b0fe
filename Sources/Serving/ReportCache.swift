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
/// static report. At most ``limit`` reports are kept; the least recently used goes first.
public actor ReportCache {
    public let folder: URL
    let templates: URL
    let limit: Int
    private var entries: [String: (version: String, folder: URL, used: Date, retired: URL?)] = [:]
    private var inFlight: [String: Task<URL, Error>] = [:]

    /// - Parameters:
    ///   - folder: The cache folder (emptied first).
    ///   - templates: The report templates.
    ///   - limit: Rendered reports kept at once.
    public init(folder: URL, templates: URL, limit: Int = 24) {
        self.folder = folder
        self.templates = templates
        self.limit = limit
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The folder holding the report of the run at `runFolder`, rendering it when needed.
    /// - Parameter fresh: Wait for the report of the run as it is now; otherwise a previous report is
    ///   returned at once while the newer one renders.
    public func report(of runFolder: URL, key: String, fresh: Bool = true) async throws -> URL {
        let version = RunIndex.stamp(of: runFolder)
        if let entry = entries[key], entry.version == version {
            entries[key]?.used = Date()
            return entry.folder
        }
        let flightKey = key + "|" + version
        if !fresh, let stale = entries[key] {
            if inFlight[flightKey] == nil { Task { _ = try? await report(of: runFolder, key: key, fresh: true) } }
            entries[key]?.used = Date()
            return stale.folder
        }
        if let task = inFlight[flightKey] { return try await task.value }
        var hash = FNV1a()
        hash.mix(flightKey)
        let target = folder.appendingPathComponent(hash.hex)
        let templates = self.templates
        let task = Task<URL, Error> {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    do {
                        try? FileManager.default.removeItem(at: target)
                        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
                        var options = RenderOptions()
                        options.view = .pca
                        options.pointCap = 10_000
                        options.figureFormats = [.png]  // redrawn at every epoch: `render` makes the SVG and PDF
                        let index = try RunPipeline.report(runDirectory: runFolder, into: target, templates: templates, render: options, quiet: true)
                        try LivePage.patch(index, version: version)
                        continuation.resume(returning: target)
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
        }
        inFlight[flightKey] = task
        defer { inFlight[flightKey] = nil }
        let rendered = try await task.value
        var retired = entries[key]?.retired
        if let old = entries[key], old.folder != rendered {
            if let retired { try? FileManager.default.removeItem(at: retired) }
            retired = old.folder
        }
        entries[key] = (version, rendered, Date(), retired)
        evict()
        return rendered
    }

    private func evict() {
        while entries.count > limit, let oldest = entries.min(by: { $0.value.used < $1.value.used }) {
            try? FileManager.default.removeItem(at: oldest.value.folder)
            if let retired = oldest.value.retired { try? FileManager.default.removeItem(at: retired) }
            entries[oldest.key] = nil
        }
    }
}
