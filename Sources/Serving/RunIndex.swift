public import Foundation
import DCNCore
import RunFormat
import ServingRules
import Synchronization

/// One row of the runs page: what a run folder says about itself, or why it cannot be read.
public struct RunRow: Codable, Equatable, Sendable {
    /// The run folder relative to the served folder, with `/` separators.
    public var path: String
    public var name: String
    public var tool: String
    /// `running`, `complete`, `diverged`, `interrupted`, `failed`, or `stopped` (its `run.json` says
    /// running but its process is gone), or `error` for a folder that cannot be read.
    public var status: String
    /// The last complete epoch recorded.
    public var epoch: Int?
    public var plannedEpochs: Int?
    public var dataset: String?
    public var samples: Int?
    public var clusters: Int?
    public var lambda: Double?
    public var nmi: Double?
    public var ari: Double?
    public var acc: Double?
    public var smallestCluster: Int?
    /// Whether a cluster ended under ``DCNCore/CollapseRule``'s size.
    public var collapsed: Bool?
    /// Every recorded setting as text (`run.json`'s `configuration`, arrays joined with `-`); the runs page
    /// shows as columns those that differ between the listed runs.
    public var settings: [String: String]?
    /// Why the folder cannot be read (status `error`).
    public var error: String?
}

/// Every run folder under a directory, any depth, summarised for the runs page. Reads only; a summary is
/// kept until its `run.json` changes (size or modification time), and the list itself is reused for
/// ``listInterval`` seconds, so a page of a thousand runs costs one directory walk and a `stat` per run at
/// most once a second, however many browsers poll it.
///
/// Safe to use from many requests at once: the walk and the reading happen outside the lock that guards
/// the caches, so a long listing never holds up a live page's state request.
public final class RunIndex: Sendable {
    public let root: URL
    /// Folder names never walked into (the server's cache, version control).
    static let skipped: Set<String> = [".dcn-report-cache", ".git", "node_modules"]
    /// Seconds a listing is reused.
    static let listInterval: TimeInterval = 1
    private let summaries = Mutex<[String: (stamp: String, row: RunRow)]>([:])
    private let listing = Mutex<(made: Date, rows: [RunRow], json: Data)?>(nil)
    /// Held while a listing is made, so requests arriving meanwhile wait for it instead of walking too.
    private let refreshing = Mutex<Void>(())

    public init(root: URL) {
        self.root = RequestPath.resolvedRoot(root)
    }

    /// The rows of every run folder, sorted by path.
    public func rows() -> [RunRow] { currentListing().rows }

    /// ``rows()`` as the JSON the runs page reads (encoded once per listing, not per request).
    public func rowsJSON() -> Data { currentListing().json }

    private func currentListing() -> (made: Date, rows: [RunRow], json: Data) {
        func recent() -> (made: Date, rows: [RunRow], json: Data)? {
            listing.withLock { $0 }.flatMap { Date().timeIntervalSince($0.made) < Self.listInterval ? $0 : nil }
        }
        if let listed = recent() { return listed }
        return refreshing.withLock { _ in
            if let listed = recent() { return listed }  // made while this request waited
            // Reading a thousand run.json files is the cost of a first listing: spread over the cores.
            let folders = Self.runFolders(under: root)
            let slots = ResultSlots<RunRow>(count: folders.count)
            DispatchQueue.concurrentPerform(iterations: folders.count) { slots.set($0, row(of: folders[$0])) }
            let rows = folders.indices.compactMap { slots.get($0) }
            let seen = Set(rows.map(\.path))
            summaries.withLock { $0 = $0.filter { seen.contains($0.key) } }
            // Encoded again only when a row changed: many browsers polling a quiet folder cost a walk a second.
            let json: Data
            if let previous = listing.withLock({ $0 }), previous.rows == rows {
                json = previous.json
            } else {
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                json = (try? encoder.encode(rows)) ?? Data("[]".utf8)
            }
            let made = (made: Date(), rows: rows, json: json)
            listing.withLock { $0 = made }
            return made
        }
    }

    /// The row of one run folder under the root (what a live page polls: no walk of the whole tree).
    public func row(of folder: URL) -> RunRow {
        let relative = String(folder.path.dropFirst(root.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let stamp = Self.stamp(of: folder)
        var row: RunRow
        if let cached = summaries.withLock({ $0[relative] }), cached.stamp == stamp {
            row = cached.row
        } else {
            row = Self.summary(of: folder, relative: relative, root: root)
            summaries.withLock { $0[relative] = (stamp, row) }
        }
        // Liveness changes without run.json changing: checked on every request.
        if row.status == RunStatus.running.rawValue, RunProcess(runFolder: folder)?.isAlive == false {
            row.status = "stopped"
        }
        return row
    }

    /// What changes whenever a run records something: its `run.json`'s size and modification time.
    static func stamp(of runFolder: URL) -> String {
        var info = stat()
        guard stat(runFolder.appendingPathComponent("run.json").path, &info) == 0 else { return "none" }
        return "\(info.st_size)|\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// The run folders (holding `run.json`) under `root`: not following symlinks, skipping hidden and cache
    /// folders, and not looking inside a run folder (its `epochs/`, `final/` and `gallery/` hold no runs).
    /// Reads directory entries' types from `readdir`, so a thousand runs cost no per-file `stat`.
    static func runFolders(under root: URL) -> [URL] {
        var found: [URL] = []
        var stack = [root.path]
        while let folder = stack.popLast() {
            guard let directory = opendir(folder) else { continue }
            var names: [(name: String, isFolder: Bool)] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {  // some file systems do not say: ask without following links
                    var info = stat()
                    type = lstat(folder + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
                }
                names.append((name, type == UInt8(DT_DIR)))  // a symlink is DT_LNK: never followed
            }
            closedir(directory)
            if names.contains(where: { $0.name == "run.json" && !$0.isFolder }) {
                found.append(URL(fileURLWithPath: folder, isDirectory: true))
                continue
            }
            for item in names where item.isFolder && !item.name.hasPrefix(".") && !skipped.contains(item.name) {
                stack.append(folder + "/" + item.name)
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// A run folder's row, from its `run.json` alone (``RunListingEntry``: the last epoch read in full).
    static func summary(of folder: URL, relative: String, root: URL) -> RunRow {
        var row = RunRow(path: relative, name: folder.lastPathComponent, tool: "", status: "error")
        let entry: RunListingEntry
        do { entry = try RunListingEntry.read(in: folder) } catch {
            // Named under the served folder, never by the server's path.
            row.error = ServedText.relative("\(error)", under: root.path)
            return row
        }
        let available = entry.lastAvailableEpoch(in: folder)
        // Rarely the last listed epoch's arrays are missing (a writer killed between the two): read the
        // whole manifest for the one before it.
        let last = available.flatMap { mark in
            mark.isLast ? entry.lastEpoch : (try? RecordedRun.readManifest(in: folder))?.manifest.epochs.last { $0.epoch == mark.epoch }
        }
        row.name = entry.name
        row.tool = "\(entry.tool.name) \(entry.tool.version)"
        row.status = entry.status.rawValue
        row.epoch = available?.epoch
        row.plannedEpochs = entry.configuration.epochs
        row.dataset = entry.dataset.name
        row.samples = entry.dataset.samples
        row.clusters = entry.configuration.clusterCount
        row.lambda = entry.configuration.lambda.map(Double.init)
        row.settings = entry.settingTexts
        if let metrics = entry.summary?.finalMetrics ?? last?.metrics {
            (row.nmi, row.ari, row.acc) = (metrics.nmi, metrics.ari, metrics.acc)
        }
        if let sizes = last?.clusterSizes {
            row.smallestCluster = sizes.min()
            row.collapsed = CollapseRule.hasCollapsed(sizes: sizes, samples: entry.dataset.samples)
        }
        return row
    }
}

extension RunRow {
    init(path: String, name: String, tool: String, status: String) {
        self.path = path
        self.name = name
        self.tool = tool
        self.status = status
    }
}
