import Scoring
import Plotting
import RunFormat

/// The charts of a recorded run: loss curves, metric curves, final confusion matrix, cluster sizes.
struct ChartSet {
    /// File stem (e.g. `losses`) and the figure drawing itself.
    var charts: [(name: String, title: String, width: Int, height: Int, draw: @Sendable (Canvas, Double, Double) -> Void)] = []

    init(run: RecordedRun, finalArrays: EpochArrays?, startKeptThrough: Int? = nil) {
        let keptSpan = startKeptThrough.map { (from: 0.5, to: Double($0) + 0.5, label: "start's assignments kept") }
        let manifest = run.manifest
        let pretrainCount = manifest.pretraining.count
        // Losses: pretraining epochs at x = −P+1…0 (reconstruction only), DCN epochs at 1…E.
        let pretrain = manifest.pretraining.map { (x: Double($0.epoch - pretrainCount), y: $0.reconstruction) }
        let train = manifest.epochs.filter { $0.phase == .train }
        // The curves a run recorded (another tool's run may have no reconstruction or no losses at all).
        func curve(_ loss: KeyPath<RecordedLosses, Double?>) -> [(x: Double, y: Double)] {
            train.compactMap { entry in entry.losses[keyPath: loss].map { (Double(entry.epoch), $0) } }
        }
        let lossSeries: [LineChart.Series] = [
            .init(name: "reconstruction ‖x − g(f(x))‖²/V (pretraining)", points: pretrain, color: Palette.color(7), dashed: true),
            .init(name: "reconstruction", points: curve(\.reconstruction), color: Palette.color(0)),
            .init(name: "clustering ‖f(x) − Ms‖²", points: curve(\.clustering), color: Palette.color(1)),
            .init(name: "total", points: curve(\.total), color: Palette.color(2))
        ].filter { !$0.points.isEmpty }
        if !lossSeries.isEmpty {
            var lossChart = LineChart(title: "Losses per sample", xTitle: "epoch (≤ 0: pretraining)", yTitle: "loss", series: lossSeries)
            lossChart.logarithmicY = true
            lossChart.wholeNumberX = true
            lossChart.span = keptSpan
            if pretrainCount > 0 && !train.isEmpty { lossChart.divider = (0.5, "DCN starts") }
            let losses = lossChart
            charts.append(("losses", "Loss curves", 640, 400, { losses.draw(on: $0, width: $1, height: $2) }))
        }

        let share = LossShare(manifest: manifest)
        if !share.points.isEmpty {
            var shareChart = LineChart(
                title: "Share of each term in the DCN loss", xTitle: "DCN epoch", yTitle: "share of the loss",
                series: [
                    .init(name: "clustering (λ/2)·‖f(x) − Ms‖²", points: share.points, color: Palette.color(1)),
                    .init(name: "reconstruction ‖x − g(f(x))‖²/V", points: share.points.map { ($0.x, 1 - $0.y) }, color: Palette.color(0))
                ])
            shareChart.yRange = (0, 1)
            shareChart.wholeNumberX = true
            shareChart.span = keptSpan
            let shares = shareChart
            charts.append(
                (
                    "loss-share", "How much of the loss the clustering term makes up (λ's effect)", 640, 400,
                    { shares.draw(on: $0, width: $1, height: $2) }
                ))
        }

        let scored = manifest.epochs.filter { $0.metrics != nil }
        if !scored.isEmpty {
            var metricChart = LineChart(
                title: "Clustering quality per epoch", xTitle: "epoch", yTitle: "score",
                series: [
                    .init(name: "NMI", points: scored.map { (Double($0.epoch), $0.metrics!.nmi) }, color: Palette.color(0)),
                    .init(name: "ARI", points: scored.map { (Double($0.epoch), $0.metrics!.ari) }, color: Palette.color(1)),
                    .init(name: "ACC", points: scored.map { (Double($0.epoch), $0.metrics!.acc) }, color: Palette.color(2))
                ])
            metricChart.references = manifest.baselines.filter { [.kmeansRaw, .aeKMeans].contains($0.labelling) }.map {
                LineChart.Reference(
                    name: "\($0.title): NMI", y: $0.metrics.nmi, color: $0.labelling == .kmeansRaw ? Palette.color(5) : Palette.color(7))
            }
            metricChart.yRange = (0, 1)
            metricChart.wholeNumberX = true
            metricChart.span = keptSpan
            let metrics = metricChart
            charts.append(("metrics", "Metric curves", 640, 400, { metrics.draw(on: $0, width: $1, height: $2) }))
        }

        if let finalArrays, let labels = run.labels, let last = manifest.epochs.last {
            var confusion = ConfusionMatrixFigure(
                title: "Confusion matrix, epoch \(last.epoch)",
                predicted: finalArrays.assignments, truth: labels,
                clusterCount: manifest.configuration.clusterCount)
            if let names = manifest.dataset.classNames, names.count == confusion.classIds.count {
                confusion.classNames = Dictionary(uniqueKeysWithValues: zip(confusion.classIds, names))
            }
            let matrix = confusion
            charts.append(
                (
                    "confusion", "Confusion matrix after Hungarian matching (columns ordered by matched class)", 520, 480,
                    { matrix.draw(on: $0, width: $1, height: $2) }
                ))
        }
        if let finalArrays, let last = manifest.epochs.last {
            let k = manifest.configuration.clusterCount
            let classIds = run.labels.map { Array(Set($0)).sorted() } ?? []
            let coloring = ClusterColoring(assignments: finalArrays.assignments, labels: run.labels, classIds: classIds, clusterCount: k)
            let sizes = BarChart(
                title: "Cluster sizes, epoch \(last.epoch)", labels: (0..<k).map { "\($0)" },
                values: last.clusterSizes.map(Double.init), colors: (0..<k).map { coloring.color(ofCluster: $0) },
                yTitle: "samples")
            charts.append(("cluster-sizes", "Cluster sizes", 520, 360, { sizes.draw(on: $0, width: $1, height: $2) }))
        }
    }
}
