public import Foundation
import DCNCore
import Report
import RunFormat
import Runs

/// The rendered reports of the served runs, in a cache folder the server owns (never in the run folders).
///
/// A run's report is rendered when first asked for and again when the run has recorded another epoch or
/// changed status, so a training run's page follows it. Live pages use the PCA view (one basis from the
/// latest epoch): t-SNE over every epoch is too slow to redo per epoch; `dcn-report render` makes the final
/// static report. At most ``limit`` reports are kept; the least recently used goes first.
public actor ReportCache {
    public let folder: URL
    let templates: URL
    let limit: Int
    private var entries: [String: (version: String, folder: URL, used: Date)] = [:]
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

    /// The folder holding the current report of the run at `runFolder`, rendering it when needed.
    public func report(of runFolder: URL, key: String) async throws -> URL {
        let version = RunIndex.stamp(of: runFolder)
        if let entry = entries[key], entry.version == version {
            entries[key]?.used = Date()
            return entry.folder
        }
        let flightKey = key + "|" + version
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
        if let old = entries[key], old.folder != rendered { try? FileManager.default.removeItem(at: old.folder) }
        entries[key] = (version, rendered, Date())
        evict()
        return rendered
    }

    private func evict() {
        while entries.count > limit, let oldest = entries.min(by: { $0.value.used < $1.value.used }) {
            try? FileManager.default.removeItem(at: oldest.value.folder)
            entries[oldest.key] = nil
        }
    }
}
