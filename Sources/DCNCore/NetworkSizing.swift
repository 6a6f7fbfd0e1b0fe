/// The default network for a data set of one's own (the `general` preset when `--hidden` is not given):
/// the paper's shape, w–w–4w hidden units (its 500–500–2000), with the width w grown from the input's
/// width D instead of fixed: the smallest power of two at or above 4·D, at least 64 and at most the
/// paper's 500.
///
/// Inputs of 125 features or more (MNIST, signals, gene expression) keep the paper's 500–500–2000; a
/// 150 × 4 table gets 64–64–256 (50 thousand weights instead of 1.3 million). The rule was chosen on the
/// development half of the benchmark (docs/benchmark.md, "A network sized to the data"), where it matched
/// the paper's network's NMI at a fraction of its time.
///
/// The minibatch is sized to the rows (``batchSize(rows:)``): at most a quarter of them, so that a small
/// table makes at least four updates an epoch instead of one.
public enum NetworkSizing {
    /// The narrowest hidden width.
    static let smallestWidth = 64
    /// The paper's width, the widest.
    static let paperWidth = 500
    /// Hidden units per input feature, before rounding up to a power of two.
    static let unitsPerFeature = 4

    /// The encoder's hidden widths for inputs of `features` columns.
    public static func hiddenLayers(features: Int) -> [Int] {
        let width = min(paperWidth, max(smallestWidth, powerOfTwo(atLeast: unitsPerFeature * features)))
        return [width, width, 4 * width]
    }

    /// The paper's minibatch (its official code's), the largest.
    static let paperBatchSize = 256
    /// The fewest updates an epoch should make: a 1,000-row table's in batches of 256.
    static let updatesPerEpoch = 4

    /// The minibatch for a data set of `rows` samples: the largest power of two at most rows / 4, and at most
    /// 256. From 1,024 rows on that is the paper's 256; a 114-row table gets 16 (8 updates an epoch, not 1).
    /// Chosen on the benchmark's development half (docs/benchmark.md, *Batches of at most a quarter of the
    /// rows*): 75 of 90 sets at the line against 74, 6 better and 5 worse by more than 0.02 in mean NMI.
    public static func batchSize(rows: Int) -> Int {
        var batch = 1
        while batch * 2 <= min(paperBatchSize, rows / updatesPerEpoch) { batch *= 2 }
        return batch
    }

    private static func powerOfTwo(atLeast value: Int) -> Int {
        var power = 1
        while power < value { power *= 2 }
        return power
    }
}
