/// t-SNE views of a run's epochs that read as motion, not reshuffling: the last epoch is embedded first
/// (from the given start, full schedule), then each earlier epoch starts from its successor's positions
/// with a short run, so a point moves only as far as its code's neighbourhood changed.
public enum SteadyEmbedding {
    /// Embeds every epoch's codes of the same points.
    /// - Parameters:
    ///   - epochs: Per epoch, the points' codes (row-major, `count × dimensions`), in epoch order.
    ///   - count: Points per epoch.
    ///   - dimensions: Code width.
    ///   - start: Interleaved x, y per point for the last epoch (e.g. PCA scaled to a standard deviation of 10⁻⁴).
    ///   - settings: t-SNE settings for the last epoch.
    ///   - refineIterations: Iterations for each earlier epoch (no exaggeration).
    ///   - progress: Called after each epoch with (done, total).
    /// - Returns: Per epoch, interleaved x, y per point.
    public static func embed(
        epochs: [[Float]], count: Int, dimensions: Int, start: [Double], settings: TSNE = TSNE(), refineIterations: Int = 100,
        progress: ((Int, Int) -> Void)? = nil
    ) -> [[Double]] {
        guard let last = epochs.last else { return [] }
        var views = [[Double]](repeating: [], count: epochs.count)
        views[epochs.count - 1] = settings.embed(points: last, count: count, dimensions: dimensions, start: start)
        progress?(1, epochs.count)
        var refine = settings
        refine.exaggerationIterations = 0
        refine.iterations = refineIterations
        refine.learningRateScale = 0.25  // follow the codes' small changes, do not keep expanding the view
        for index in stride(from: epochs.count - 2, through: 0, by: -1) {
            views[index] = refine.embed(points: epochs[index], count: count, dimensions: dimensions, start: views[index + 1])
            progress?(epochs.count - index, epochs.count)
        }
        return views
    }
}
