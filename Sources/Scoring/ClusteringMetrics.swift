import Foundation

/// External clustering metrics against ground truth: NMI, ARI and ACC.
public struct ClusteringMetrics: Codable, Equatable, Sendable {
    /// Normalised mutual information with arithmetic-mean normalisation
    /// (scikit-learn's default `average_method="arithmetic"`).
    public var nmi: Double
    /// Adjusted Rand index (Hubert & Arabie, 1985).
    public var ari: Double
    /// Accuracy under the best one-to-one cluster → class matching (Hungarian method).
    public var acc: Double

    /// Creates a value from its parts.
    public init(nmi: Double, ari: Double, acc: Double) {
        self.nmi = nmi
        self.ari = ari
        self.acc = acc
    }

    /// Scores predictions against labels.
    /// - Parameters:
    ///   - predicted: Cluster per sample.
    ///   - truth: Class per sample.
    public init(predicted: [Int32], truth: [Int32]) {
        let table = ContingencyTable(predicted: predicted, truth: truth)
        self.init(nmi: Self.nmi(table), ari: Self.ari(table), acc: Self.acc(table))
    }

    /// NMI = I(U;V) / ((H(U) + H(V)) / 2); 1 when both partitions are trivial and identical, as scikit-learn.
    public static func nmi(_ table: ContingencyTable) -> Double {
        let n = Double(table.total)
        guard n > 0 else { return 1 }
        if table.clusters.count == table.classes.count && table.classes.count <= 1 { return 1 }
        func entropy(_ sizes: [Int]) -> Double {
            sizes.reduce(0.0) { sum, size in
                guard size > 0 else { return sum }
                let p = Double(size) / n
                return sum - p * log(p)
            }
        }
        let rowSums = table.clusterSizes, columnSums = table.classSizes
        var mutual = 0.0
        for (i, row) in table.counts.enumerated() {
            for (j, count) in row.enumerated() where count > 0 {
                let c = Double(count)
                mutual += c / n * log(c * n / (Double(rowSums[i]) * Double(columnSums[j])))
            }
        }
        let normaliser = (entropy(rowSums) + entropy(columnSums)) / 2
        guard normaliser > 0 else { return 0 }
        return min(max(mutual / normaliser, 0), 1)
    }

    /// ARI = (Σ C(n_ij,2) − E) / (½(Σ C(a_i,2) + Σ C(b_j,2)) − E), E = Σ C(a_i,2) Σ C(b_j,2) / C(n,2).
    public static func ari(_ table: ContingencyTable) -> Double {
        func pairs(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }
        let n = table.total
        guard n > 1 else { return 1 }
        let index = table.counts.reduce(0.0) { $0 + $1.reduce(0.0) { $0 + pairs($1) } }
        let a = table.clusterSizes.reduce(0.0) { $0 + pairs($1) }
        let b = table.classSizes.reduce(0.0) { $0 + pairs($1) }
        let expected = a * b / pairs(n)
        let maximum = (a + b) / 2
        guard maximum != expected else { return 1 }
        return (index - expected) / (maximum - expected)
    }

    /// ACC = (samples in the matched cluster/class pairs) / n.
    public static func acc(_ table: ContingencyTable) -> Double {
        guard table.total > 0 else { return 1 }
        let matching = Hungarian.maximumWeightAssignment(table.counts.map { $0.map(Double.init) })
        var agreeing = 0
        for (i, j) in matching.enumerated() { if let j { agreeing += table.counts[i][j] } }
        return Double(agreeing) / Double(table.total)
    }
}
