import Scoring

/// Stable colours for predicted clusters: each cluster takes the colour of the ground-truth class it
/// is matched to (Hungarian matching on the contingency table), so a colour means the same class in
/// both panels and in every frame; unmatched clusters take the next unused palette colours.
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
        for (cluster, classId) in matching {
            guard let j = classIds.firstIndex(of: classId), Int(cluster) < clusterCount else { continue }
            indices[Int(cluster)] = j
            used.insert(j)
        }
        var next = 0
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
