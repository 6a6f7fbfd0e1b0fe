public import Foundation
import DCNCore
import Runs

/// Comparisons of runs the reader selected on the runs page, built on the fly into the server's cache folder.
///
/// A selection gets a short id (`/compare/<id>/`, so the page's relative links work); its comparison is
/// rebuilt when any of its runs has recorded something since. The run folders are only read: the
/// comparison does not render the runs' own reports into them, as `dcn-report compare` does. At most
/// ``limit`` selections are remembered; the least recently used goes first.
public actor ComparisonCache {
    public let folder: URL
    let templates: URL
    let limit: Int
    private var selections: [String: (runs: [URL], version: String?, used: Date)] = [:]

    /// - Parameters:
    ///   - folder: Where comparisons are written (inside the server's cache folder).
    ///   - templates: The report templates (`compare.mustache`).
    ///   - limit: Selections kept at once.
    public init(folder: URL, templates: URL, limit: Int = 24) {
        self.folder = folder
        self.templates = templates
        self.limit = limit
    }

    /// The id of a selection of run folders (the same selection in any order gets the same id).
    public func register(_ runs: [URL]) -> String {
        let sorted = Array(Set(runs.map(\.path))).sorted()
        var hash = FNV1a()
        for path in sorted { hash.mix(path) }
        let id = hash.hex
        if selections[id] == nil { selections[id] = (sorted.map { URL(fileURLWithPath: $0) }, nil, Date()) }
        selections[id]?.used = Date()
        evict()
        return id
    }

    /// The folder holding the selection's current comparison, or nil for an unknown id.
    public func comparison(_ id: String) async throws -> URL? {
        guard let selection = selections[id] else { return nil }
        let target = folder.appendingPathComponent(id)
        let version = selection.runs.map(RunIndex.stamp(of:)).joined(separator: ",")
        selections[id]?.used = Date()
        if selection.version == version { return target }
        let templates = self.templates
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            DispatchQueue.global().async {
                do {
                    try? FileManager.default.removeItem(at: target)
                    var job = ComparisonJob(paths: selection.runs.map(\.path), out: target.path, templates: templates)
                    job.renderRunReports = false
                    job.quiet = true
                    let index = try job.run()
                    try LivePage.allowServerRequests(in: index)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        selections[id]?.version = version
        return target
    }

    private func evict() {
        while selections.count > limit, let oldest = selections.min(by: { $0.value.used < $1.value.used }) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(oldest.key))
            selections[oldest.key] = nil
        }
    }
}
