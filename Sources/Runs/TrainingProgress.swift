import Foundation
import Training

/// Reports training progress: on a terminal a single updating line with a bar, losses, NMI and an
/// ETA; otherwise (CI, logs) one plain line per epoch; nothing with `--quiet`.
final class TrainingProgress: TrainingObserver {
    private let terminal: Terminal
    private var interactive: Bool { terminal.interactive }
    private var epochSeconds: [Double] = []
    private var pretrainSeconds: [Double] = []
    private var totalPretrain = 0
    private var totalTrain = 0

    init(terminal: Terminal) {
        self.terminal = terminal
    }

    /// Prints a whole line (finishing any bar first).
    func line(_ text: String) { terminal.line(text) }

    private func eta(pretrainLeft: Int, trainLeft: Int) -> String {
        let pretrainMean = pretrainSeconds.isEmpty ? 0 : pretrainSeconds.reduce(0, +) / Double(pretrainSeconds.count)
        let trainMean = epochSeconds.isEmpty ? pretrainMean * 1.2 : epochSeconds.reduce(0, +) / Double(epochSeconds.count)
        let seconds = Double(pretrainLeft) * pretrainMean + Double(trainLeft) * trainMean
        return seconds >= 60 ? String(format: "ETA %d min %02d s", Int(seconds) / 60, Int(seconds) % 60) : String(format: "ETA %.0f s", seconds)
    }

    func handle(_ event: TrainingEvent) throws {
        switch event {
        case .pretrainingEpochEnded(let epoch, let total, let reconstruction, let seconds):
            pretrainSeconds.append(seconds)
            totalPretrain = total
            let text =
                interactive
                ? String(
                    format: "pretrain %3d/%d %@ reconstruction %.5f  %@", epoch, total, Terminal.bar(epoch, total), reconstruction,
                    eta(pretrainLeft: total - epoch, trainLeft: totalTrain))
                : String(format: "pretrain %3d/%d  reconstruction %.5f  (%.2f s)", epoch, total, reconstruction, seconds)
            terminal.status(text)
        case .snapshot(let snapshot, let total) where snapshot.epoch > total:
            // One more epoch than planned: the run ends with its start's labelling (see RunOutcome).
            if interactive { line("") }
            var text = String(format: "epoch %3d: DCN ended worse than its start; the run keeps the start's network and centres", snapshot.epoch)
            if let m = snapshot.metrics { text += String(format: "  NMI %.4f  ARI %.4f  ACC %.4f", m.nmi, m.ari, m.acc) }
            line(text)
        case .snapshot(let snapshot, let total):
            totalTrain = total
            if snapshot.epoch > 0 { epochSeconds.append(snapshot.seconds) }
            var text = String(format: "epoch %3d/%d", snapshot.epoch, total)
            if interactive { text += " " + Terminal.bar(snapshot.epoch, total) }
            text += String(
                format: "  loss %.5f  reconstruction %.5f  clustering %.5f",
                snapshot.losses.total, snapshot.losses.reconstruction, snapshot.losses.clustering)
            if let m = snapshot.metrics { text += String(format: "  NMI %.4f  ARI %.4f  ACC %.4f", m.nmi, m.ari, m.acc) }
            let empty = snapshot.clusterSizes.filter { $0 == 0 }.count
            if empty > 0 { text += "  [\(empty) empty cluster\(empty == 1 ? "" : "s")]" }
            if !snapshot.refilledClusters.isEmpty {
                text +=
                    "  [refilled collapsed cluster\(snapshot.refilledClusters.count == 1 ? "" : "s") \(snapshot.refilledClusters.map(String.init).joined(separator: ", "))]"
            }
            text += interactive ? "  " + eta(pretrainLeft: 0, trainLeft: total - snapshot.epoch) : String(format: "  (%.2f s)", snapshot.seconds)
            terminal.status(text)
        case .finished(let final):
            if interactive { line("") }
            if let m = final.onlineMetrics { line(String(format: "DCN online assignments: NMI %.4f  ARI %.4f  ACC %.4f", m.nmi, m.ari, m.acc)) }
            if let m = final.finalKMeansMetrics { line(String(format: "DCN + final k-means:    NMI %.4f  ARI %.4f  ACC %.4f", m.nmi, m.ari, m.acc)) }
        }
    }
}
