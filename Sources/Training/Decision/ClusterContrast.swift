import Clustering
import DCNCore
import DCNMath

/// How clearly k-means finds clusters in a view of the data: its labelling's normalised cut of the view's
/// neighbour graph over the same cut on an unclustered reference of the view (the idea of the gap
/// statistic, Tibshirani, Walther and Hastie 2001, whose reference is uniform in the box of the principal
/// components; here a permutation of each component's scores, which keeps each one's shape).
///
/// The reference keeps the view's principal axes and the spread and shape of the data along each, but
/// draws each row's coordinate on each axis from a different row (every axis's scores shuffled on their
/// own), which leaves no clusters that live across axes. k-means splits a cloud without clusters about as
/// well as its reference (contrast near 1); real clusters cut far lower than the reference's split (a
/// contrast well under 1). Clusters apart along one principal axis survive the shuffle, so their
/// reference splits cleanly too and the contrast says little (a ratio of two cuts near 0); the scaling
/// check then sees two contrasts within its margin, a tie, and standardises. Both graphs use the judges' neighbours and the same rows:
/// the reference is built from the rows of the view's graph (at most the judges' sample).
struct ClusterContrast {
    /// The view's labelling's cut over the reference's.
    let contrast: Double

    /// The reference cut below which a reference counts as split cleanly: the contrast divides by no less.
    static let cleanCut = 0.001

    /// Measures `view`.
    /// - Parameters:
    ///   - view: The scaled features (rows are samples).
    ///   - clusterCount: k.
    ///   - restarts: k-means restarts.
    ///   - seed: The seed of every draw (the view's k-means and graph, the reference's shuffle and k-means).
    init(of view: Matrix, clusterCount: Int, restarts: Int, seed: UInt64) {
        let kmeans = KMeans(clusterCount: clusterCount, restarts: restarts)
        let (labels, graph) = Self.labelledGraph(of: view, kmeans: kmeans, seed: seed)
        self.init(cut: graph.normalizedCut(of: labels, clusterCount: clusterCount), on: graph, of: view, kmeans: kmeans, seed: seed)
    }

    /// k-means' labelling of `view` and the view's neighbour graph, each drawn from its own stream restarted
    /// with `seed`, so that every view of a table is labelled and sampled alike.
    private static func labelledGraph(of view: Matrix, kmeans: KMeans, seed: UInt64) -> (labels: [Int32], graph: NeighbourGraph) {
        var generator = SplitMix64.stream(seed: seed, .inputKMeans)
        let labels = kmeans.fit(view, using: &generator).assignments
        generator = SplitMix64.stream(seed: seed, .inputJudge)
        let graph = NeighbourGraph(
            points: view, neighbours: DecisionTuning.graphNeighbours, sampleCap: DecisionTuning.graphSampleCap, using: &generator)
        return (labels, graph)
    }

    /// The contrast of `cut`, k-means' cut of the view's own graph, against the view's reference, built from
    /// the graph's rows so that both cuts are taken on graphs of the same rows.
    /// - Parameters:
    ///   - cut: The view's k-means labelling's normalised cut of `graph`.
    ///   - graph: The view's neighbour graph (at most the judges' sample of its rows).
    ///   - view: The scaled features.
    ///   - kmeans: The k-means the view was labelled with.
    ///   - seed: The seed of the reference's shuffle and k-means.
    private init(cut: Double, on graph: NeighbourGraph, of view: Matrix, kmeans: KMeans, seed: UInt64) {
        var generator = SplitMix64.stream(seed: seed, .scalingReference)
        let rows = graph.sample.count == view.rows ? view : view.rows(graph.sample)
        let reference = Self.reference(of: rows, using: &generator)
        let referenceLabels = kmeans.fit(reference, using: &generator).assignments
        let referenceGraph = NeighbourGraph(
            points: reference, neighbours: DecisionTuning.graphNeighbours, sampleCap: reference.rows, using: &generator)
        let referenceCut = referenceGraph.normalizedCut(of: referenceLabels, clusterCount: kmeans.clusterCount)
        // A clean split of the view scores 0 whatever its reference; a reference split as clean (cut under
        // ``cleanCut``) counts as that cut, so that a view split less cleanly scores high, not infinite.
        contrast = cut / max(referenceCut, Self.cleanCut)
    }

    /// The unclustered reference of `rows`: the rows on all their principal components, each component's
    /// scores shuffled on their own.
    static func reference<G: RandomNumberGenerator>(of rows: Matrix, using generator: inout G) -> Matrix {
        var scores = PrincipalComponents(of: rows).project(rows, count: rows.columns)
        let n = scores.rows, d = scores.columns
        for column in 0..<d {
            var order = Array(0..<n)
            order.deterministicShuffle(using: &generator)
            let original = (0..<n).map { scores.values[$0 * d + column] }
            for row in 0..<n { scores.values[row * d + column] = original[order[row]] }
        }
        return scores
    }
}
