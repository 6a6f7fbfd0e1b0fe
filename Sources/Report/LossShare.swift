import RunFormat

/// How much of DCN's objective the clustering term makes up, per DCN epoch: (λ/2)·clustering / total.
///
/// Near 0 the network ignores the clustering term (DCN is then just the autoencoder plus k-means);
/// near 1 reconstruction no longer matters and codes may collapse onto the centres.
struct LossShare {
    /// Below this mean share over the DCN epochs the report warns that the clustering term is negligible.
    static let negligible = 0.01

    /// `(epoch, share)` for every recorded DCN epoch.
    let points: [(x: Double, y: Double)]

    init(manifest: RunManifest) {
        // Without a recorded λ the share is unknown, and no chart is drawn.
        guard let lambda = manifest.configuration.lambda else {
            points = []
            return
        }
        let half = Double(lambda) / 2
        points = manifest.epochs.filter { $0.phase == .train }.compactMap { entry in
            guard let reconstruction = entry.losses.reconstruction, let clustering = entry.losses.clustering.map({ half * $0 }) else { return nil }
            let total = reconstruction + clustering
            return total > 0 && total.isFinite ? (Double(entry.epoch), clustering / total) : nil
        }
    }

    /// The mean share over the DCN epochs, or nil before the first one.
    var mean: Double? { points.isEmpty ? nil : points.map(\.y).reduce(0, +) / Double(points.count) }

    /// The one-line warning for a negligible clustering term, or nil.
    func warning(lambda: Float) -> String? {
        guard let mean, mean < Self.negligible else { return nil }
        return "The clustering term is negligible: (λ/2)·‖f(x) − Ms‖² was " + String(format: "%.2f", mean * 100)
            + " % of the loss during DCN training (λ = \(formatNumber(Double(lambda)))), so DCN barely moved the autoencoder's codes; "
            + "a larger --lambda gives it a say."
    }
}
