public import Foundation
import DCNCore
import Runs

/// Comparisons of runs the reader selected on the runs page, built on the fly into the server's cache folder.
///
/// A selection gets a short id (`/compare/<id>/`, so the page's relative links work); its comparison is
/// rebuilt when any of its runs has recorded something since. The run folders are only read: the
/// comparison does not render the runs' own reports into them, as `dcn-report compare` does. At most
/// a set number of selections are remembered; the least recently used goes first.
public actor ComparisonCache {
    public let folder: URL
    let templates: URL
    /// Each selection's run folders and the version of its comparison on disk (nil before the first).
    private var selections: LeastRecentlyUsed<(runs: [URL], version: String?)>

    /// - Parameters:
    ///   - folder: Where comparisons are written (inside the server's cache folder).
    ///   - templates: The report templates (`compare.mustache`).
    ///   - limit: Selections kept at once.
    public init(folder: URL, templates: URL, limit: Int = 24) {
        self.folder = folder
        self.templates = templates
        selections = LeastRecentlyUsed(limit: limit)
    }

    /// The id of a selection of run folders (the same selection in any order gets the same id).
    public func register(_ runs: [URL]) -> String {
        let sorted = Array(Set(runs.map(\.path))).sorted()
        var hash = FNV1a()
        for path in sorted { hash.mix(path) }
        let id = hash.hex
        guard selections.use(id) == nil else { return id }
        for dropped in selections.set(id, (sorted.map { URL(fileURLWithPath: $0) }, nil)) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(dropped.key))
        }
        return id
    }

    /// The folder holding the selection's current comparison, or nil for an unknown id.
    public func comparison(_ id: String) async throws -> URL? {
        guard let selection = selections.use(id) else { return nil }
        let target = folder.appendingPathComponent(id)
        let version = selection.runs.map(RunIndex.stamp(of:)).joined(separator: ",")
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
        selections.update(id) { $0.version = version }
        return target
    }
}
