import Clustering
import DCNCore
import DCNMath
import RunFormat

/// How a run ends: DCN's last labelling is judged against its start's own partition on the scaled input
/// (a held start's partition as it was held, else the start's nearest-centre cells), and with
/// `--keep-better` (the default) a DCN clearly worse than it gives way to the start: its network, centres
/// and that partition (``JudgeRule/end(clusterCount:)``: a lower cut by the margin).
///
/// A held partition is not made of nearest-centre cells, so a run that keeps one records how much of it the
/// saved model, assigning by nearest centre, reproduces (``RunOutcome/savedModelAgreement``). The start's
/// nearest-centre labelling and k-means on the input (when the run computed it as its baseline) are judged
/// beside them and recorded.
struct EndPolicy {
    /// Whether a clearly worse DCN gives way to the start.
    let keepsBetterStart: Bool

    /// Epoch 0 as the end needs it.
    struct CapturedStart {
        /// The network's weights; nil when the run may not keep its start.
        let layers: [ModelFile.Layer]?
        /// The start's centres.
        let centers: Matrix
        /// The pretrained codes.
        let latent: Matrix
        /// The start's own partition when it is held (not its nearest-centre labelling).
        let heldPartition: [Int32]?
    }

    /// Judges DCN's labelling.
    /// - Parameters:
    ///   - data: The scaled input.
    ///   - start: Epoch 0.
    ///   - dcn: DCN's last snapshot.
    ///   - inputKMeans: k-means on the input, when the run computed it.
    ///   - configuration: The run's k and seed.
    /// - Returns: The recorded outcome; `kept` is `.start` when the caller must restore the start.
    func judge(
        data: Matrix, start: CapturedStart, dcn: EpochSnapshot, inputKMeans: [Int32]?,
        configuration: DCNConfiguration
    ) -> RunOutcome {
        let judge = LabellingJudge(points: data, stream: .inputJudge, configuration: configuration)
        let startLabels = NearestCenter.assign(start.latent, to: start.centers).assignments
        let dcnLabelling = judge.judged(dcn.assignments), startLabelling = judge.judged(startLabels)
        let heldLabelling = start.heldPartition.map(judge.judged)
        let inputLabelling = inputKMeans.map(judge.judged)
        var outcome = RunOutcome(
            kept: .dcn, startScore: startLabelling.cut, dcnScore: dcnLabelling.cut,
            inputKMeansScore: inputLabelling?.cut,
            margin: JudgeRule.end(clusterCount: configuration.clusterCount).margin,
            keepBetter: keepsBetterStart, dcnEpoch: dcn.epoch, startPartitionScore: heldLabelling?.cut)
        outcome.challenger = .startPartition
        outcome.dcnFit = dcnLabelling.fit
        outcome.startFit = startLabelling.fit
        outcome.startPartitionFit = heldLabelling?.fit
        outcome.inputKMeansFit = inputLabelling?.fit
        guard keepsBetterStart, start.layers != nil, outcome.dcnWorseThanStart else { return outcome }
        outcome.kept = .start
        if let held = start.heldPartition {
            outcome.savedModelAgreement = Double(zip(startLabels, held).filter { $0 == $1 }.count) / Double(max(held.count, 1))
        }
        return outcome
    }
}
