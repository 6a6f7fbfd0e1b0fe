import DCNCore
import Datasets

/// What was decided before training, printed as one block so that a user sees it before waiting: the data's
/// size, k and where it came from, the scaling and why, the network and its preset, and the method.
struct RunBriefing {
    /// Where k came from.
    enum ClusterCountSource: Equatable {
        case flag(Int), preset, labels(Int), fallback

        /// k itself: the flag's, the mnist preset's 10, the labels' classes, else 4.
        var clusterCount: Int {
            switch self {
            case .flag(let k), .labels(let k): k
            case .preset: 10
            case .fallback: 4
            }
        }

        /// In words.
        var words: String {
            switch self {
            case .flag: "from --clusters"
            case .preset: "from the mnist preset"
            case .labels(let classes): "from the labels' \(classes) classes"
            case .fallback: "a default: no labels and no --clusters"
            }
        }
    }

    /// The block's lines; warnings start with "warning: ".
    let lines: [String]

    init(setup: RunRequest.Setup, preset: PresetName, method: DCNMethod, clusterCountSource: ClusterCountSource) {
        let data = setup.data, c = setup.configuration
        var lines = ["data: \(data.name), \(data.count) × \(data.dimensions)" + (data.labels == nil ? ", no labels" : ", labels for scoring only")]
        lines.append("clusters: k = \(c.clusterCount) (\(clusterCountSource.words))")
        if clusterCountSource == .fallback {
            lines.append(
                "warning: k = \(c.clusterCount) is a default because no labels were given; set --clusters to the number of groups you expect")
        }
        lines.append("scaling: \(setup.scaling.rawValue) (\(setup.scalingReason))")
        let layers = ([data.dimensions] + c.hiddenLayers + [c.latentDimensions]).map(String.init).joined(separator: "–")
        lines.append(
            "network: \(layers), decoder mirrored (preset \(preset.rawValue)); \(c.pretrainEpochs) pretraining + \(c.epochs) DCN epochs, batch \(c.batchSize), λ = \(c.lambda)"
        )
        lines.append("method: \(method.rawValue) (version \(method.version)), start \(c.startPartition.rawValue), seed \(c.seed)")
        if case .file(let path) = setup.source, path.lowercased().contains(".csv"), let column = Self.idLikeColumn(data.features) {
            lines.append(
                "warning: column \(column) of \(path) counts \(column.isOneBased ? "1…N" : "0…N−1") row by row: it looks like a row id, not a feature; remove it from the file"
            )
        }
        self.lines = lines
    }

    /// A column whose values are the row numbers, from 0 or from 1.
    struct IDColumn: CustomStringConvertible {
        let index: Int
        let isOneBased: Bool
        var description: String { "\(index)" }
    }

    static func idLikeColumn(_ features: Matrix) -> IDColumn? {
        guard features.rows >= 3 else { return nil }
        for column in 0..<features.columns {
            for offset in [0, 1] where (0..<features.rows).allSatisfy({ features.values[$0 * features.columns + column] == Float($0 + offset) }) {
                return IDColumn(index: column, isOneBased: offset == 1)
            }
        }
        return nil
    }
}
