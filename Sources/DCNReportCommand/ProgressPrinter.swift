import Foundation
import Training

/// Prints one line per epoch to standard output (or nothing with `--quiet`).
final class ProgressPrinter: TrainingObserver {
    private let quiet: Bool

    init(quiet: Bool) { self.quiet = quiet }

    func line(_ text: String) {
        guard !quiet else { return }
        print(text)
        fflush(stdout)
    }

    func handle(_ event: TrainingEvent) throws {
        switch event {
        case .pretrainingEpochEnded(let epoch, let total, let reconstruction, let seconds):
            line(String(format: "pretrain %3d/%d  reconstruction %.5f  (%.2f s)", epoch, total, reconstruction, seconds))
        case .snapshot(let snapshot, let total):
            var text = String(format: "epoch %3d/%d  loss %.5f  reconstruction %.5f  clustering %.5f",
                              snapshot.epoch, total, snapshot.losses.total, snapshot.losses.reconstruction, snapshot.losses.clustering)
            if let m = snapshot.metrics { text += String(format: "  NMI %.4f  ARI %.4f  ACC %.4f", m.nmi, m.ari, m.acc) }
            let empty = snapshot.clusterSizes.filter { $0 == 0 }.count
            if empty > 0 { text += "  [\(empty) empty cluster\(empty == 1 ? "" : "s")]" }
            text += String(format: "  (%.2f s)", snapshot.seconds)
            line(text)
        case .finished(let final):
            if let m = final.onlineMetrics { line(String(format: "DCN online assignments: NMI %.4f  ARI %.4f  ACC %.4f", m.nmi, m.ari, m.acc)) }
            if let m = final.finalKMeansMetrics { line(String(format: "DCN + final k-means:    NMI %.4f  ARI %.4f  ACC %.4f", m.nmi, m.ari, m.acc)) }
        }
    }
}
