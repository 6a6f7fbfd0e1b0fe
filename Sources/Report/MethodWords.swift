import RunFormat

/// How a page names the method and its labellings: DCN's words for a run dcn-report trained, neutral
/// ones for a run another tool recorded (which may not be DCN at all). The one place the report asks
/// which tool wrote a folder; everything else it asks the manifest.
struct MethodWords {
    /// The page's heading, e.g. "Deep Clustering Network".
    let method: String
    /// Who assigned the samples, e.g. "DCN".
    let assigner: String
    /// What the epochs after pretraining are called in the run table.
    let trainingEpochs: String
    /// The row title of epoch 0's scores in a run cut short.
    let startTitle: String
    /// "tool version" for a run another tool recorded; nil for dcn-report's own.
    let recordedBy: String?
    private let foreign: Bool

    init(_ run: RecordedRun) {
        foreign = run.isForeign
        method = foreign ? "Latent-space clustering" : "Deep Clustering Network"
        assigner = foreign ? "the recorded run" : "DCN"
        trainingEpochs = foreign ? "training" : "DCN"
        startTitle = foreign ? "Start (epoch 0)" : "AE + start (epoch 0)"
        recordedBy = foreign ? "\(run.manifest.tool.name) \(run.manifest.tool.version)" : nil
    }

    /// The row title of the last epoch's scores in a run cut short.
    func finalTitle(epoch: Int) -> String {
        foreign ? "Assignments at epoch \(epoch)" : Labelling.dcnNearestCentre.recordedTitle(epoch: epoch)
    }
}
