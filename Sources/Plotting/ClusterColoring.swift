import Scoring

/// Stable colours for predicted clusters: each cluster takes the colour of the ground-truth class it
/// is matched to (Hungarian matching on the contingency table), so a colour means the same class in
/// both panels and in every frame. A match is kept only when the class is the one the cluster holds
/// most of: when two clusters hold mostly 1s, the matching gives the second some other class it barely
/// holds, and painting it that class's colour would contradict the legend. Such clusters, and clusters
/// left unmatched, take colours beyond the classes' own, which no class has.
public struct ClusterColoring: Equatable, Sendable {
    /// Palette index per cluster id `0..<clusterCount`.
    public let paletteIndex: [Int]

    /// Colours clusters by their matched class.
    /// - Parameters:
    ///   - assignments: Predicted cluster per sample, ids in `0..<clusterCount`.
    ///   - labels: Ground truth per sample, or nil (then cluster `i` takes colour `i`).
    ///   - classIds: All class ids in ascending order; class `classIds[j]` has palette colour `j`.
    ///   - clusterCount: k.
    public init(assignments: [Int32], labels: [Int32]?, classIds: [Int32], clusterCount: Int) {
        guard let labels else {
            paletteIndex = Array(0..<clusterCount)
            return
        }
        let table = ContingencyTable(predicted: assignments, truth: labels)
        let matching = table.bestMatching()
        var indices = [Int?](repeating: nil, count: clusterCount)
        var used = Set<Int>()
        let row = Dictionary(uniqueKeysWithValues: table.clusters.enumerated().map { ($1, $0) })
        for (cluster, classId) in matching {
            guard let j = classIds.firstIndex(of: classId), Int(cluster) < clusterCount, let r = row[cluster],
                let column = table.classes.firstIndex(of: classId),
                table.counts[r][column] == table.counts[r].max()
            else { continue }
            indices[Int(cluster)] = j
            used.insert(j)
        }
        var next = classIds.count
        for c in 0..<clusterCount where indices[c] == nil {
            while used.contains(next) { next += 1 }
            indices[c] = next
            used.insert(next)
        }
        paletteIndex = indices.map { $0! }
    }

    /// The colour of cluster `id`.
    public func color(ofCluster id: Int) -> Color { Palette.color(paletteIndex[id]) }
}
