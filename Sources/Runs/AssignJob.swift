import AtomicWrite
import DCNCore
public import Datasets
public import Foundation
import SettingFiles
import NPYFormat
import Training

/// The job of `assign`: cluster a data set with a saved model and write one cluster per sample.
public struct AssignJob {
    /// The model file (`OUT/run/model.dcn`).
    public var model: String
    /// The data set, as `--dataset` names it.
    public var dataset: String
    public var labelColumn: LabelColumn = .none
    /// Seed of the synthetic data.
    public var seed: UInt64 = 0
    /// Output file: `.npy` (int32) or `.csv` (one cluster per line).
    public var out: String
    /// Where to write each sample's code f(x) as well (`.npy`, float32 `N × d`), if anywhere.
    public var codes: String?

    public init(model: String, dataset: String, out: String) {
        self.model = model
        self.dataset = dataset
        self.out = out
    }

    /// Assigns and writes; returns the line to print.
    public func run() throws -> String {
        let lower = out.lowercased()
        guard lower.hasSuffix(".npy") || lower.hasSuffix(".csv") else {
            throw FlagValueError("--out '\(out)': expected a .npy or .csv file name")
        }
        if let codes, !codes.lowercased().hasSuffix(".npy") {
            throw FlagValueError("--codes '\(codes)': expected a .npy file name")
        }
        let trained = try TrainedModel.load(from: URL(fileURLWithPath: model))
        let data = try DatasetSource(parsing: dataset).load(labelsPath: nil, labelColumn: labelColumn, seed: seed)
        let assignments: [Int32]
        do {
            assignments = try trained.assign(data.features)
        } catch {
            throw UserFacingError("\(dataset): \(error)")
        }
        let bytes =
            lower.hasSuffix(".npy")
            ? NPYWriter.encode(assignments, shape: [assignments.count])
            : Data(assignments.map { "\($0)\n" }.joined().utf8)
        try AtomicFile.write(bytes, to: URL(fileURLWithPath: out))
        if let codes {
            let encoded: Matrix
            do { encoded = try trained.encode(data.features) } catch { throw UserFacingError("\(dataset): \(error)") }
            try AtomicFile.write(NPYWriter.encode(encoded.values, shape: [encoded.rows, encoded.columns]), to: URL(fileURLWithPath: codes))
            return "\(assignments.count) samples assigned to \(trained.centers.rows) clusters: \(out); their codes: \(codes)"
        }
        return "\(assignments.count) samples assigned to \(trained.centers.rows) clusters: \(out)"
    }
}
