extension DCNConfiguration {
    /// The paper's MNIST setting (§5.2) with the official code's batch size and epoch count
    /// (`run_raw_mnist.py`): encoder 784–500–500–2000–10, k = 10, batch 256, 50 DCN epochs.
    ///
    /// λ = 1, the default: with the reconstruction term relative to the data's variance it equals a
    /// per-element λ of 0.068 on MNIST pixels scaled to [0, 1] (V/D = 0.068), next to the 0.05 with
    /// which a PyTorch DCN reached NMI 0.835 here. Adam at 0.001 with 50 pretraining epochs replaces
    /// the official 250 + 250 epochs of SGD (momentum 0.9, lr 1e-4).
    public static var mnist: DCNConfiguration {
        var c = DCNConfiguration()
        c.hiddenLayers = [500, 500, 2000]
        c.latentDimensions = 10
        c.clusterCount = 10
        c.batchSize = 256
        c.pretrainEpochs = 50
        c.epochs = 50
        c.learningRate = 0.001
        return c
    }

    /// The setting for a data set of one's own (the default for any file): the paper's network for its
    /// image and text data, 500–500–2000 hidden units, with Adam at 0.001, batch 256 and 50 + 50 epochs,
    /// λ = 1 in the variance-relative convention. The command line sizes the hidden layers to the data
    /// (``NetworkSizing``) unless `--hidden` is given, and the batch to at most a quarter of the rows unless
    /// `--batch-size` is given, and widens the code to k when k > 10 (the paper's
    /// code is as wide as k) unless `--latent-dim` is given; it is never narrower than 10.
    public static var general: DCNConfiguration {
        var c = mnist
        c.clusterCount = 4
        return c
    }

    /// The built-in synthetic demo's setting (the defaults).
    public static var synthetic: DCNConfiguration { DCNConfiguration() }
}
