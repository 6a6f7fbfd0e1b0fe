import DCNCore
import Embedding
import Foundation
import NPYFormat
import Plotting
import RunFormat

/// `dcn-bench --only tsne --run RUN_DIR [--cap N]`: the t-SNE view of a recorded run — seconds for the
/// last epoch (full schedule) and per earlier epoch (warm start), and how well the final epoch's view
/// keeps neighbourhoods (trustworthiness and kept 10-NN of the codes) against the PCA view the frames
/// would otherwise show, on the same stratified subsample.
func benchmarkTSNE(runFolder: String, cap: Int, npyFolder: String?) throws {
    let run = try RecordedRun(directory: URL(fileURLWithPath: runFolder))
    let entries = run.availableEpochs
    let arrays = try entries.map { try run.arrays(for: $0) }
    guard let last = arrays.last else {
        print("no epochs")
        return
    }
    let d = last.latent.columns
    let drawn = Subsample.indices(labels: run.labels, count: last.latent.rows, cap: cap)
    let codes = arrays.map { a in drawn.flatMap { a.latent.values[($0 * d)..<(($0 + 1) * d)] } }
    print("== t-SNE view of \(runFolder): \(entries.count) epochs, \(drawn.count) of \(last.latent.rows) codes, \(d)-D")
    let pca = Projection.pca(codes: codes[codes.count - 1], rows: drawn.count, dimensions: d)
    let start = TSNE.pcaStart(points: codes[codes.count - 1], count: drawn.count, dimensions: d, components: (pca.axes[0], pca.axes[1], pca.mean))
    var times: [Double] = []
    var previous = now()
    let views = SteadyEmbedding.embed(epochs: codes, count: drawn.count, dimensions: d, start: start) { _, _ in
        let t = now()
        times.append(t - previous)
        previous = t
    }
    let total = times.reduce(0, +)
    let earlier = times.dropFirst()
    print(
        String(
            format: "last epoch (750 iterations): %.2f s; each earlier epoch (100 iterations): %.2f s mean; whole run: %.1f s",
            times[0], earlier.isEmpty ? 0 : earlier.reduce(0, +) / Double(earlier.count), total))
    let (px, py) = pca.apply(codes: codes[codes.count - 1], rows: drawn.count)
    let pcaView = zip(px, py).flatMap { [Double($0), Double($1)] }
    // Neighbourhood measures on at most 2,500 of the points (trustworthiness is O(n² log n)).
    let measured = Array(0..<min(drawn.count, 2_500))
    let input = measured.flatMap { codes[codes.count - 1][($0 * d)..<(($0 + 1) * d)] }
    func subset(_ view: [Double]) -> [Double] { measured.flatMap { [view[2 * $0], view[2 * $0 + 1]] } }
    for (name, view) in [("PCA", pcaView), ("t-SNE", views[views.count - 1])] {
        let trust = NeighbourhoodPreservation.trustworthiness(input: input, count: measured.count, dimensions: d, view: subset(view))
        let kept = NeighbourhoodPreservation.kept(input: input, count: measured.count, dimensions: d, view: subset(view))
        print(String(format: "%@: trustworthiness(10) %.3f, kept 10-NN %.3f", name, trust, kept))
    }
    if let npyFolder {
        // For docs/tsne-vs-sklearn.py: the same codes and both views, to compare with scikit-learn.
        let folder = URL(fileURLWithPath: npyFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try NPYWriter.encode(input, shape: [measured.count, d]).write(to: folder.appendingPathComponent("codes.npy"))
        try NPYWriter.encode(subset(views[views.count - 1]).map { Float($0) }, shape: [measured.count, 2]).write(
            to: folder.appendingPathComponent("tsne.npy"))
        try NPYWriter.encode(subset(pcaView).map { Float($0) }, shape: [measured.count, 2]).write(to: folder.appendingPathComponent("pca.npy"))
        print("wrote codes.npy, tsne.npy and pca.npy to \(npyFolder)")
    }
    var moves: [Double] = []
    for e in 0..<(views.count - 1) {
        let a = views[e], b = views[e + 1]
        var sum = 0.0
        for i in 0..<drawn.count { sum += hypot(a[2 * i] - b[2 * i], a[2 * i + 1] - b[2 * i + 1]) }
        moves.append(sum / Double(drawn.count))
    }
    let xs = stride(from: 0, to: views[views.count - 1].count, by: 2).map { views[views.count - 1][$0] }
    print(
        String(
            format: "mean move between successive epochs: %.2f (largest %.2f) in a view %.1f wide",
            moves.reduce(0, +) / Double(max(moves.count, 1)), moves.max() ?? 0, (xs.max() ?? 0) - (xs.min() ?? 0)))
}
