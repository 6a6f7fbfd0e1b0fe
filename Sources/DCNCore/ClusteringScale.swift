/// What DCN's clustering term ‖f(x) − μ‖² is divided by, so that λ weighs it against the relative
/// reconstruction error (docs/results.md, *The clustering term's scale*).
public enum ClusteringScale: String, CaseIterable, Codable, Sendable {
    /// The codes' total variance for a k-means start, nothing for a held start (boundary merge, joint or input k-means).
    /// A k-means start is already nearest-centre cells, so DCN needs only a pull of the same size on every
    /// data set to tighten them; a held start is held until the network has moved the codes into its
    /// cells, which takes the paper's full pull (measured on tables, touching and imbalanced mixtures,
    /// digits, signals).
    case auto
    /// Nothing: the term as the paper writes it, whose size follows the scale the codes were learned at.
    case paper
    /// The codes' total variance at the start, for any start: λ then weighs two relative errors.
    case codes

    /// Whether the term is divided by the codes' variance, for a start that is (`true`) or is not a set of
    /// nearest-centre cells.
    public func dividesByCodeVariance(nearestCenterStart: Bool) -> Bool {
        switch self {
        case .auto: nearestCenterStart
        case .paper: false
        case .codes: true
        }
    }
}
