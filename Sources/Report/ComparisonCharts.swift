import Foundation
import Plotting
import RunFormat

/// The comparison's charts: each final metric against each varied numeric setting (mean ± std over
/// seeds, every seed as a dot, AE + k-means as a reference), and metric curves per epoch, one line per setting.
struct ComparisonCharts {
    /// Each chart: file name, title, size and how to draw it.
    var charts: [(name: String, title: String, width: Int, height: Int, draw: @Sendable (Canvas, Double, Double) -> Void)] = []

    init(_ comparison: Comparison) {
        let hasMetrics = comparison.shownLabellings.contains(.dcnNearestCentre)
        guard hasMetrics else { return }
        let metrics:
            [(name: String, title: String, path: KeyPath<Comparison.Metrics, Comparison.Statistic>, score: @Sendable (ClusteringScores) -> Double)] =
                [
                    ("nmi", "NMI", \.nmi, { $0.nmi }), ("ari", "ARI", \.ari, { $0.ari }), ("acc", "ACC", \.acc, { $0.acc })
                ]
        for field in comparison.variedFields {
            let xs = comparison.settings.map { Double($0.values[field] ?? "") }
            guard xs.allSatisfy({ $0 != nil }), Set(xs.map { $0! }).count >= 2 else { continue }
            let others = comparison.variedFields.filter { $0 != field }
            let flag = Comparison.displayName(field)
            let positive = xs.allSatisfy { $0! > 0 }
            let logarithmic = positive && (xs.map { $0! }.max()! / xs.map { $0! }.min()! >= 100)
            for metric in metrics {
                // One line per combination of the other varied settings.
                var lines: [String: [(x: Double, statistic: Comparison.Statistic)]] = [:], order: [String] = []
                var dots: [LineChart.Dot] = []
                for (setting, x) in zip(comparison.settings, xs) {
                    let key = others.map { "\(Comparison.displayName($0)) \(setting.values[$0] ?? "")" }.joined(separator: " · ")
                    if lines[key] == nil { order.append(key) }
                    guard let statistic = setting.metrics[Labelling.dcnNearestCentre.id]?[keyPath: metric.path] else { continue }
                    lines[key, default: []].append((x!, statistic))
                    let color = Palette.color(order.firstIndex(of: key) ?? 0)
                    for run in setting.runs {
                        if let score = ClusteringScores(run: run) { dots.append(.init(x: x!, y: metric.score(score), color: color)) }
                    }
                }
                var chart = LineChart(
                    title: "DCN nearest centre: final \(metric.title) against \(flag)", xTitle: flag,
                    yTitle: "final \(metric.title)",
                    series: order.enumerated().map { index, key in
                        let points = lines[key, default: []].sorted { $0.x < $1.x }
                        var series = LineChart.Series(
                            name: key.isEmpty ? "mean ± std over seeds" : key + " (mean ± std)",
                            points: points.map { ($0.x, $0.statistic.mean) }, color: Palette.color(index))
                        series.errors = points.map(\.statistic.std)
                        series.markers = true
                        return series
                    })
                chart.dots = dots
                chart.logarithmicX = logarithmic
                let aeScores = comparison.settings.compactMap { $0.metrics[Labelling.aeKMeans.id]?[keyPath: metric.path] }
                if !aeScores.isEmpty {
                    let mean = aeScores.map { $0.mean * Double($0.count) }.reduce(0, +) / Double(aeScores.map(\.count).reduce(0, +))
                    chart.references = [.init(name: "AE + k-means (mean of all runs)", y: mean, color: Palette.color(7))]
                }
                let name = "\(metric.name)-vs-\(flag)", finished = chart
                charts.append((name, "Final \(metric.title) against \(flag)", 640, 400, { finished.draw(on: $0, width: $1, height: $2) }))
            }
        }
        // NMI per epoch, one line per setting (mean over its seeds).
        let series = comparison.settings.enumerated().map { index, setting in
            var perEpoch: [Int: [Double]] = [:]
            for run in setting.runs {
                for entry in run.availableEpochs { if let nmi = entry.metrics?.nmi { perEpoch[entry.epoch, default: []].append(nmi) } }
            }
            let points = perEpoch.keys.sorted().map { (x: Double($0), y: perEpoch[$0]!.reduce(0, +) / Double(perEpoch[$0]!.count)) }
            return LineChart.Series(name: setting.label, points: points, color: Palette.color(index))
        }
        var curveChart = LineChart(title: "NMI per epoch (nearest centre), mean over seeds", xTitle: "epoch", yTitle: "NMI", series: series)
        curveChart.wholeNumberX = true
        let curves = curveChart
        charts.append(("nmi-per-epoch", "NMI per epoch, one line per setting", 640, 400, { curves.draw(on: $0, width: $1, height: $2) }))
    }
}

/// A run's final nearest-centre scores.
struct ClusteringScores {
    let nmi: Double, ari: Double, acc: Double

    init?(run: RunFormat.RecordedRun) {
        guard
            let metrics = run.manifest.baselines.first(where: { $0.labelling == .dcnNearestCentre })?.metrics
                ?? run.manifest.summary?.finalMetrics
        else { return nil }
        nmi = metrics.nmi
        ari = metrics.ari
        acc = metrics.acc
    }
}
