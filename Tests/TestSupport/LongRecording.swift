import Foundation

/// A long recorded run made from a short one, for the tests and the benchmark of long-run rendering.
public enum LongRecording {
    /// Extends the run folder `run` to epochs 0..<`epochs`: every new epoch's folder hard-links the arrays of
    /// its last recorded epoch, and `run.json` lists them all.
    public static func extend(_ run: URL, to epochs: Int) throws {
        let files = FileManager.default, manifest = run.appendingPathComponent("run.json")
        guard var json = try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any],
            var entries = json["epochs"] as? [[String: Any]], let template = entries.last,
            let last = template["epoch"] as? Int, let path = template["path"] as? String
        else { throw CocoaError(.fileReadCorruptFile) }
        for epoch in (last + 1)..<max(epochs, last + 1) {
            var entry = template
            let name = String(format: "epochs/%06d", epoch)
            entry["epoch"] = epoch
            entry["path"] = name
            try files.createDirectory(at: run.appendingPathComponent(name), withIntermediateDirectories: true)
            for array in ["latent.npy", "centers.npy", "assignments.npy"] {
                try files.linkItem(
                    at: run.appendingPathComponent(path).appendingPathComponent(array),
                    to: run.appendingPathComponent(name).appendingPathComponent(array))
            }
            entries.append(entry)
        }
        json["epochs"] = entries
        try JSONSerialization.data(withJSONObject: json).write(to: manifest)
    }
}
