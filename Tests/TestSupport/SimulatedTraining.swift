public import Foundation
import RunFormat

/// Makes a recorded run look like one still training, as its trainer leaves it between epochs: the serve
/// tests and the serve benchmark replay a finished run's epochs into its folder one step at a time.
public enum SimulatedTraining {
    /// What a manifest given to replay lacks.
    public struct NotAManifest: Error, CustomStringConvertible {
        public let description: String
    }

    /// Rewrites `run/run.json` from a complete run's manifest: status running, no summary or outcome, and
    /// only its first `epochs` epochs listed (all when nil). Replaced by rename, as the writer does, so a
    /// reader never sees it half-written.
    /// - Returns: The last epoch listed.
    @discardableResult
    public static func record(_ run: URL, from full: Data, epochs: Int? = nil) throws -> Int {
        guard var manifest = try JSONSerialization.jsonObject(with: full) as? [String: Any],
            let all = manifest["epochs"] as? [[String: Any]]
        else { throw NotAManifest(description: "not a run.json with epochs") }
        let listed = Array(all.prefix(epochs ?? all.count))
        manifest["status"] = "running"
        manifest["summary"] = nil
        manifest["outcome"] = nil
        manifest["epochs"] = listed
        let staged = run.appendingPathComponent("run.json.tmp")
        try JSONSerialization.data(withJSONObject: manifest, options: .sortedKeys).write(to: staged)
        guard rename(staged.path, run.appendingPathComponent("run.json").path) == 0 else {
            throw NotAManifest(description: "could not rename \(staged.path) over run.json")
        }
        guard let last = listed.last?["epoch"] as? Int else { throw NotAManifest(description: "no epoch listed") }
        return last
    }

    /// Writes `run/process.json` naming `pid` as the run's writer (the liveness the server reads).
    public static func claim(_ run: URL, pid: Int32) throws {
        try JSONEncoder().encode(RunProcess(pid: pid, host: ProcessInfo.processInfo.hostName, started: ""))
            .write(to: run.appendingPathComponent("process.json"))
    }
}
