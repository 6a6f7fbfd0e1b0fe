import DCNCore
import Foundation

/// The checks a run folder's manifest and arrays must pass before anything is drawn from them: the
/// folder is a public contract that other people's training loops write, so nothing in it is trusted.
/// Every failure is a ``RecordingError`` naming the file, the entry and what is wrong.
enum RunFolderChecks {
    /// Largest k a report draws (colours, tables and the confusion matrix stay usable well below it).
    static let largestClusterCount = 10_000
    /// Largest image side a recording may declare.
    static let largestImageSide = 100_000
    /// Largest `run.json` read: it lists epochs and settings, not data; a run of 100,000 epochs with scores
    /// takes about 50 MB, and a file beyond this is refused before it is read.
    public static let largestManifestBytes = 64 << 20

    /// Checks `run.json` on its own: k, sample and dimension counts, image shape, and epochs (sorted,
    /// unique, non-negative, with paths inside the folder and one size per cluster).
    static func check(_ manifest: RunManifest, file: String) throws {
        let k = manifest.configuration.clusterCount, samples = manifest.dataset.samples
        try checkHeader(clusterCount: k, latentDimensions: manifest.configuration.latentDimensions, dataset: manifest.dataset, file: file)
        try checkOrder(of: manifest.epochs.map { ($0.epoch, $0.path) }, file: file)
        for (index, entry) in manifest.epochs.enumerated() {
            try checkSizes(entry.clusterSizes, of: "epochs[\(index)] (epoch \(entry.epoch))", k: k, samples: samples, file: file)
        }
    }

    /// Checks k, the sample and dimension counts, the code width and the image shape.
    static func checkHeader(clusterCount k: Int, latentDimensions: Int?, dataset: DatasetInfo, file: String) throws {
        let samples = dataset.samples
        guard samples >= 1 else { throw RecordingError(file, "dataset.samples is \(samples); a run needs at least one sample") }
        guard dataset.dimensions >= 0 else { throw RecordingError(file, "dataset.dimensions is \(dataset.dimensions), expected ≥ 0") }
        guard k >= 1, k <= min(samples, largestClusterCount) else {
            throw RecordingError(
                file,
                "configuration.clusterCount is \(k); expected 1 to \(min(samples, largestClusterCount)) (the samples, at most \(largestClusterCount))"
            )
        }
        if let latent = latentDimensions, latent < 1 {
            throw RecordingError(file, "configuration.latentDimensions is \(latent), expected ≥ 1")
        }
        if let shape = dataset.imageShape {
            guard (2...3).contains(shape.count), shape.allSatisfy({ (1...largestImageSide).contains($0) }) else {
                throw RecordingError(file, "dataset.imageShape \(shape) is not H × W or H × W × C with sides of 1 to \(largestImageSide)")
            }
            let size = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
            guard size == dataset.dimensions else {
                throw RecordingError(
                    file, "dataset.imageShape \(shape) holds \(size) values per sample, but dataset.dimensions is \(dataset.dimensions)")
            }
        }
    }

    /// Checks that epochs are listed once each, in increasing order, with paths inside the folder.
    static func checkOrder(of epochs: [(epoch: Int, path: String)], file: String) throws {
        var previous = -1
        var folders: [String: Int] = [:]
        for (index, entry) in epochs.enumerated() {
            // Made only for a message: a listing checks thousands of epochs.
            var name: String { "epochs[\(index)] (epoch \(entry.epoch))" }
            guard entry.epoch > previous else {
                throw RecordingError(file, "\(name) is not after the epoch before it; epochs must be listed once each, in increasing order")
            }
            previous = entry.epoch
            guard isInside(entry.path) else { throw RecordingError(file, "\(name) has path '\(entry.path)', which leaves the run folder") }
            // Two epochs in one folder would show one epoch's arrays twice (and a million such entries draw a
            // million frames of one folder): `./`, `//` and a trailing `/` name the same folder.
            let folder = normalised(entry.path)
            if let other = folders[folder] {
                throw RecordingError(
                    file, "\(name) has path '\(entry.path)', the folder of epochs[\(other)] too; every epoch needs a folder of its own")
            }
            folders[folder] = index
        }
    }

    /// Checks one epoch's cluster sizes: one per cluster, each within 0…samples.
    static func checkSizes(_ sizes: [Int], of name: String, k: Int, samples: Int, file: String) throws {
        guard sizes.count == k else {
            throw RecordingError(file, "\(name) lists \(sizes.count) cluster sizes for k = \(k)")
        }
        guard sizes.allSatisfy({ $0 >= 0 && $0 <= samples }) else {
            throw RecordingError(file, "\(name) has a cluster size outside 0…\(samples)")
        }
    }

    /// A relative path without `.` and empty components.
    static func normalised(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    /// Checks that no two epoch folders are one folder once symlinks are followed (the textual check in
    /// ``checkOrder(of:file:)`` cannot see a link).
    static func checkDistinctFolders(_ epochs: [EpochEntry], in directory: URL, file: String) throws {
        var seen: [String: Int] = [:]
        for (index, entry) in epochs.enumerated() {
            let folder = directory.appendingPathComponent(entry.path)
            guard let resolved = realPath(folder.path) else { continue }  // missing: the epoch is not offered
            if let other = seen[resolved] {
                throw RecordingError(
                    file,
                    "epochs[\(index)] (epoch \(entry.epoch)) has path '\(entry.path)', which leads to the folder of epochs[\(other)]; every epoch needs a folder of its own"
                )
            }
            seen[resolved] = index
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// Whether a relative path stays inside the folder it is relative to.
    static func isInside(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.utf8.contains(0) else { return false }
        return !path.split(separator: "/").contains("..")
    }

    /// Labels as dense class ids 0..<C in ascending order of the recorded ids (so an id of 2³¹ − 1
    /// costs no memory), after checking they are finite integers, one per sample.
    static func denseLabels(_ values: [Double], samples: Int, file: String) throws -> [Int32] {
        guard values.count == samples else { throw RecordingError(file, "holds \(values.count) labels for the \(samples) samples in run.json") }
        if let bad = values.firstIndex(where: { !$0.isFinite || $0 != $0.rounded() || abs($0) > 9.0e15 }) {
            throw RecordingError(file, "label \(bad) is \(number(values[bad])), expected an integer")
        }
        let ids = Array(Set(values)).sorted()
        let dense = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Int32($0)) })
        return values.map { dense[$0]! }
    }

    /// A value as a person writes it: 7, not 7.0.
    static func number(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    /// Checks one epoch's arrays against each other and against `run.json`.
    static func check(latent: Matrix, assignments: [Double], centers: Matrix, manifest: RunManifest, folder: String) throws {
        let k = manifest.configuration.clusterCount, samples = manifest.dataset.samples
        guard latent.rows == samples else {
            throw RecordingError(folder + "/latent.npy", "has \(latent.rows) rows for the \(samples) samples in run.json")
        }
        guard latent.columns >= 1 else { throw RecordingError(folder + "/latent.npy", "has no columns") }
        if let bad = latent.values.firstIndex(where: { !$0.isFinite }) {
            throw RecordingError(
                folder + "/latent.npy",
                "row \(bad / latent.columns), column \(bad % latent.columns) is \(latent.values[bad]), expected a finite number")
        }
        guard centers.rows == k, centers.columns == latent.columns else {
            throw RecordingError(
                folder + "/centers.npy",
                "has shape [\(centers.rows), \(centers.columns)]; expected [\(k), \(latent.columns)] (k from run.json, the codes' width)")
        }
        if let bad = centers.values.firstIndex(where: { !$0.isFinite }) {
            throw RecordingError(folder + "/centers.npy", "centre \(bad / centers.columns) has \(centers.values[bad]), expected finite numbers")
        }
        guard assignments.count == samples else {
            throw RecordingError(folder + "/assignments.npy", "has \(assignments.count) values for the \(samples) samples in run.json")
        }
        if let bad = assignments.firstIndex(where: { !($0 >= 0 && $0 < Double(k) && $0 == $0.rounded()) }) {
            throw RecordingError(
                folder + "/assignments.npy",
                "sample \(bad) is assigned to \(number(assignments[bad])); expected a cluster 0…\(k - 1) (k = \(k) in run.json)")
        }
    }
}
