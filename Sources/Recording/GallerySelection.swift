import Clustering
public import DCNCore
import DCNMath
import Scoring

/// Which samples a report's galleries show for one epoch: per cluster the members nearest its centre, a
/// random sample of its members and its least certain members (smallest margin between the nearest and
/// the second-nearest centre); per class, members that DCN placed in a cluster matched to another class.
public struct GallerySelection: Sendable {
    /// Samples per group.
    public static let perGroup = 8
    /// `k × 3 × perGroup` sample indices (nearest, random, least certain), −1 where a cluster has fewer members.
    public let members: [Int32]
    /// `classes × perGroup` sample indices of misplaced members per class (ascending class id), −1 padded.
    public let misplaced: [Int32]
    /// Number of classes in ``misplaced`` (0 without labels).
    public let classCount: Int

    /// Selects the samples.
    /// - Parameters:
    ///   - latent: Codes, `n × d`.
    ///   - centers: `k × d`.
    ///   - assignments: Cluster per sample.
    ///   - labels: Class per sample, or nil.
    ///   - seed: Seeds the random sample (the run's seed and the epoch), so a recording is reproducible.
    public init(latent: Matrix, centers: Matrix, assignments: [Int32], labels: [Int32]?, seed: UInt64) {
        let k = centers.rows, m = Self.perGroup, d = latent.columns
        var distance = [Float](repeating: 0, count: latent.rows), margin = [Float](repeating: 0, count: latent.rows)
        latent.values.withUnsafeBufferPointer { z in
            centers.values.withUnsafeBufferPointer { c in
                for i in 0..<latent.rows {
                    let (first, second) = NearestCenter.twoNearest(to: z.baseAddress! + i * d, among: c.baseAddress!, count: k, dimensions: d)
                    let own = Int(assignments[i])
                    // Distance to the sample's own centre (a held start may not be the nearest).
                    var sum: Float = 0
                    for j in 0..<d {
                        let diff = z[i * d + j] - c[own * d + j]
                        sum += diff * diff
                    }
                    distance[i] = sum
                    margin[i] = k > 1 ? second.distance - first.distance : 0
                }
            }
        }
        var members = [Int32](repeating: -1, count: k * 3 * m)
        var generator = SplitMix64(seed: seed)
        let byCluster = Dictionary(grouping: 0..<latent.rows, by: { Int(assignments[$0]) })
        for cluster in 0..<k {
            let own = byCluster[cluster] ?? []
            let nearest = own.sorted { (distance[$0], $0) < (distance[$1], $1) }.prefix(m)
            var shuffled = own
            shuffled.shuffle(using: &generator)
            let random = shuffled.prefix(m).sorted()
            let uncertain = own.sorted { (margin[$0], $0) < (margin[$1], $1) }.prefix(m)
            for (group, picked) in [Array(nearest), Array(random), Array(uncertain)].enumerated() {
                for (slot, sample) in picked.enumerated() { members[(cluster * 3 + group) * m + slot] = Int32(sample) }
            }
        }
        var misplaced: [Int32] = []
        var classCount = 0
        if let labels {
            let classIds = Array(Set(labels)).sorted()
            classCount = classIds.count
            let matching = ContingencyTable(predicted: assignments, truth: labels).bestMatching()
            for classId in classIds {
                let wrong = (0..<latent.rows).filter { labels[$0] == classId && matching[assignments[$0]] != classId }
                let picked = wrong.sorted { (margin[$0], $0) > (margin[$1], $1) }.prefix(m)  // the most confidently misplaced first
                misplaced += picked.map { Int32($0) } + [Int32](repeating: -1, count: m - picked.count)
            }
        }
        self.members = members
        self.misplaced = misplaced
        self.classCount = classCount
    }

    /// Every selected sample once, ascending.
    public var samples: [Int32] { Array(Set((members + misplaced).filter { $0 >= 0 })).sorted() }
}
