/// Every independent random stream of a run, named once. Each draws from `SplitMix64.stream(seed:_:)` with
/// the run's seed and its own number, so adding or skipping one draw leaves every other draw unchanged.
/// The numbers are part of the recording's identity: changing one changes every run that uses it.
public enum RandomStream: UInt64, CaseIterable, Sendable {
    /// The synthetic data set's points.
    case syntheticData = 1
    /// The network's initial weights.
    case weights = 2
    /// Training: minibatch order, k-means on the codes, the boundary merge and the final k-means.
    case training = 3
    /// k-means on the scaled input: the raw k-means baseline and the start candidate of the same name,
    /// which must be the same partition.
    case inputKMeans = 4
    /// The subsample of the codes' neighbour graph that judges the start on the codes.
    case codeJudge = 5
    /// The subsample of the input's neighbour graph that judges the start check and the end.
    case inputJudge = 6
    /// The restarts of the joint k-means start.
    case jointKMeans = 7
    /// The scaling check's k-means on each candidate view of the input (drawn with seed 0, whatever the run's).
    case scalingCheck = 8
    /// The subsample `--limit` draws ("LIMIT" in ASCII: a number no other draw uses).
    case limit = 0x4C49_4D49_54
}

extension SplitMix64 {
    /// A generator for one of the run's named streams.
    /// - Parameters:
    ///   - seed: The run's seed.
    ///   - stream: What the draws are for.
    /// - Returns: A new generator.
    public static func stream(seed: UInt64, _ stream: RandomStream) -> SplitMix64 {
        Self.stream(seed: seed, stream.rawValue)
    }
}
