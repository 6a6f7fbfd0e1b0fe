public import Foundation
import SettingFiles
import RunFormat

/// Where the run folders a user names on the command line are.
public enum RunFolderLookup {
    /// The folder holding `run.json`: `path` itself, or its `run/` when `path` is the folder that
    /// `train --out` or `generate --out` wrote.
    public static func runFolder(_ path: String) -> URL {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let inside = url.appendingPathComponent("run")
        let files = FileManager.default
        if !files.fileExists(atPath: url.appendingPathComponent("run.json").path),
            files.fileExists(atPath: inside.appendingPathComponent("run.json").path)
        {
            return inside
        }
        return url
    }

    /// The run folders a path names: a sweep folder's runs (in `sweep.json` order when present), or one run folder.
    /// - Throws: ``FlagValueError`` when `path` is neither.
    public static func runFolders(_ path: String) throws -> [URL] {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let runs = url.appendingPathComponent("runs")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: runs.path, isDirectory: &isDirectory), isDirectory.boolValue,
            !FileManager.default.fileExists(atPath: url.appendingPathComponent("run.json").path)
        else {
            let folder = runFolder(path)
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("run.json").path) else {
                throw FlagValueError("compare: \(path) is neither a run folder nor a sweep folder (no run.json, no runs/)")
            }
            return [folder]
        }
        var names = (try? FileManager.default.contentsOfDirectory(atPath: runs.path))?.sorted() ?? []
        if let manifest = SweepManifest(contentsOf: url.appendingPathComponent("sweep.json")) {
            names = manifest.runs.map(\.name).filter(names.contains)
        }
        return names.map { runs.appendingPathComponent($0).appendingPathComponent("run") }
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("run.json").path) }
    }
}
