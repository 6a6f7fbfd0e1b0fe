/// Every number the start and end decisions are tuned by, named once. Each was measured on the suite of
/// docs/results.md (and docs/method.md says how); changing one changes recordings, so it bumps the method
/// version (``MethodChoice``).
enum DecisionTuning {
    /// Nearest neighbours per point in every judge's graph (codes and input): a group smaller than this
    /// has most of its edges leaving it, so cutting it off costs nearly a whole unit of cut.
    static let graphNeighbours = 10
    /// Largest subsample a judge's graph is built on (the graph costs its square in distances).
    static let graphSampleCap = 3_000
    /// The boundary merge's micro-clusters per final cluster.
    static let mergeMicroClustersPerCluster = 10
    /// Largest subsample of codes the boundary merge is built on.
    static let mergeSampleCap = 10_000
    /// Independent micro-clusterings the boundary merge tries (the lowest cut on its own graph wins).
    static let mergeCandidates = 5
    /// The boundary merge (and so the judged choice) needs at least this many samples per cluster;
    /// with fewer, `auto` and `merged` start from k-means on the codes.
    static let mergeMinimumSamplesPerCluster = 2
}
