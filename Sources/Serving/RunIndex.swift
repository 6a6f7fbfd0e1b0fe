public import Foundation
import DCNCore
import RunFormat

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
    /// Why the folder cannot be read (status `error`).
    public var error: String?
}

/// Every run folder under a directory, any depth, summarised for the runs page. Reads only; a summary is
/// kept until its `run.json` changes (size or modification time), so a page of a thousand runs costs one
/// directory walk and a `stat` per run after the first request.
public actor RunIndex {
    public let root: URL
    /// Folder names never walked into (the server's cache, version control).
    static let skipped: Set<String> = [".dcn-report-cache", ".git", "node_modules"]
    private var cache: [String: (stamp: String, row: RunRow)] = [:]

    public init(root: URL) {
        self.root = RequestPath.resolvedRoot(root)
    }

    /// The rows of every run folder, sorted by path.
    public func rows() -> [RunRow] {
        let folders = Self.runFolders(under: root)
        var rows: [RunRow] = []
        var seen: Set<String> = []
        for folder in folders {
            let row = self.row(of: folder)
            seen.insert(row.path)
            rows.append(row)
        }
        cache = cache.filter { seen.contains($0.key) }
        return rows
    }

    /// The row of one run folder under the root (what a live page polls: no walk of the whole tree).
    public func row(of folder: URL) -> RunRow {
        let relative = String(folder.path.dropFirst(root.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let stamp = Self.stamp(of: folder)
        var row: RunRow
        if let cached = cache[relative], cached.stamp == stamp {
            row = cached.row
        } else {
            row = Self.summary(of: folder, relative: relative)
            cache[relative] = (stamp, row)
        }
        // Liveness changes without run.json changing: checked on every request.
        if row.status == RunStatus.running.rawValue, RunProcess(runFolder: folder)?.isAlive == false {
            row.status = "stopped"
        }
        return row
    }

    /// What changes whenever a run records something: its `run.json`'s size and modification time.
    static func stamp(of runFolder: URL) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: runFolder.appendingPathComponent("run.json").path)
        return "\(attributes?[.size] ?? 0)|\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
    }

    /// The run folders (holding `run.json`) under `root`, not following symlinks, skipping hidden and cache folders.
    static func runFolders(under root: URL) -> [URL] {
        var found: [URL] = []
        var stack = [root]
        let files = FileManager.default
        while let folder = stack.popLast() {
            guard let names = try? files.contentsOfDirectory(atPath: folder.path) else { continue }
            if names.contains("run.json") { found.append(folder) }
            for name in names where !name.hasPrefix(".") && !skipped.contains(name) && name != "epochs" {
                let child = folder.appendingPathComponent(name)
                guard let type = try? files.attributesOfItem(atPath: child.path)[.type] as? FileAttributeType,
                      type == .typeDirectory else { continue }  // symlinks are .typeSymbolicLink: not followed
                stack.append(child)
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// A run folder's row.
    static func summary(of folder: URL, relative: String) -> RunRow {
        var row = RunRow(path: relative, name: folder.lastPathComponent, tool: "", status: "error")
        let run: RecordedRun
        do { run = try RecordedRun(directory: folder) } catch {
            row.error = "\(error)"
            return row
        }
        let manifest = run.manifest
        row.name = manifest.name
        row.tool = "\(manifest.tool.name) \(manifest.tool.version)"
        row.status = manifest.status.rawValue
        row.epoch = run.availableEpochs.last?.epoch
        row.plannedEpochs = run.plannedEpochs
        row.dataset = manifest.dataset.name
        row.samples = manifest.dataset.samples
        row.clusters = manifest.configuration.clusterCount
        row.lambda = run.lambda
        if let metrics = manifest.summary?.finalMetrics ?? run.availableEpochs.last?.metrics {
            (row.nmi, row.ari, row.acc) = (metrics.nmi, metrics.ari, metrics.acc)
        }
        if let sizes = run.availableEpochs.last?.clusterSizes {
            row.smallestCluster = sizes.min()
            row.collapsed = CollapseRule.hasCollapsed(sizes: sizes, samples: manifest.dataset.samples)
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
