/// How DCN assigns samples while it trains: by nearest centre, as the paper does, or by holding a start's
/// own partition. A start found outside the codes' Voronoi cells (a boundary merge, the joint k-means,
/// k-means on the input) would be undone by the first nearest-centre assignment, so DCN holds it: each
/// sample stays in its start cluster and the centres follow their members' codes, while the clustering term
/// pulls each cluster together, until ``HoldRelease`` lets go.
///
/// What the hold steers, all in one place: assignment before and after each step (DCNTrainer's epoch), the
/// snapshot's labelling and the collapse refill (the held partition, not the cells), the captured start
/// (its own partition is judged at the end too), and the clustering term's default scale
/// (``ClusteringScale``).
enum Hold: Equatable, Sendable {
    /// Samples go to their nearest centre (paper eq. 7): a k-means start, and any start once released.
    case nearestCentre
    /// The start's partition is kept as it is.
    case held
}

/// When DCN stops holding a start: once nearly every sample is nearest its own cluster's centre (the held
/// partition has become Voronoi cells of the codes), or at the latest after half the DCN epochs, so that
/// the last epoch's labels are what the saved model assigns.
enum HoldRelease {
    /// The share of samples nearest their own centre at which the hold ends.
    static let agreement = 0.99

    /// Whether the hold must end before DCN epoch `epoch` of `epochs` (after the first half).
    static func isPastHalfway(epoch: Int, of epochs: Int) -> Bool { epoch > epochs / 2 }

    /// Whether `agreeing` of `samples` nearest their own centre are enough to end the hold.
    static func isReached(agreeing: Int, of samples: Int) -> Bool { Double(agreeing) >= agreement * Double(samples) }
}
