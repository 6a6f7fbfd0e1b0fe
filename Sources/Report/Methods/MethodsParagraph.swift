import DCNCore
import Foundation
import RunFormat

/// The Methods paragraph of a run, in a researcher's words, generated from its `run.json` alone: what a
/// paper needs to state about this run and nothing the recording does not say. A run dcn-report trained
/// records every setting; a run another tool wrote gets the sentences its `configuration` supports.
struct MethodsParagraph {
    /// The sentences, each a list of pieces.
    private(set) var sentences: [[MethodsPiece]] = []
    /// The symbols the sentences use, in first-use order.
    private(set) var symbols: [MethodsSymbol] = []

    /// Builds the paragraph.
    /// - Parameters:
    ///   - run: The recording.
    ///   - heldThrough: The last DCN epoch that still held the start's partition, when the report found one.
    init(run: RecordedRun, heldThrough: Int? = nil) {
        let manifest = run.manifest, config = manifest.configuration
        describeData(manifest)
        describeNetwork(config, dimensions: manifest.dataset.dimensions)
        describePretraining(config, recordedEpochs: manifest.pretraining.count, foreign: run.isForeign)
        if run.isForeign {
            describeRecordedTraining(config)
        } else {
            describeTraining(config, manifest: manifest)
        }
        if let start = manifest.start { describeStart(start, config: config, heldThrough: heldThrough) }
        describeRefills(manifest)
        if let outcome = manifest.outcome { describeEnd(outcome, method: manifest.method?.name) }
        describeMethod(run)
    }

    // MARK: - Building blocks

    private mutating func add(_ pieces: MethodsPiece...) { sentences.append(pieces) }
    mutating func addWords(_ words: String) { sentences.append([.words(words)]) }
    mutating func append(_ pieces: [MethodsPiece]) { sentences.append(pieces) }

    /// A formula that uses `uses`; records them for the glossary.
    private mutating func math(_ unicode: String, _ latex: String, uses: [MethodsSymbol]) -> MethodsPiece {
        for symbol in uses where !symbols.contains(symbol) { symbols.append(symbol) }
        return .math(unicode: unicode, latex: latex)
    }

    private mutating func symbol(_ s: MethodsSymbol) -> MethodsPiece { math(s.unicode, s.latex, uses: [s]) }

    private static func number(_ value: Double) -> String { String(format: "%.3f", value) }
    private static func setting(_ value: Float) -> String { formatNumber(Double(value)) }

    // MARK: - Sentences

    private mutating func describeData(_ manifest: RunManifest) {
        let dataset = manifest.dataset, k = manifest.configuration.clusterCount
        let size = dataset.dimensions > 0 ? "\(dataset.samples) samples × \(dataset.dimensions) features" : "\(dataset.samples) samples"
        let drawn = dataset.subsampledFrom.map { ", drawn at random with the seed from \($0)" } ?? ""
        let n = symbol(.sampleCount), d = symbol(.dimensions), kSymbol = symbol(.clusterCount)
        add(
            .words("We clustered \(dataset.name) ("), n, .words(" × "), d, .words(" = \(size)\(drawn)) into "), kSymbol,
            .words(" = \(k) clusters."))
        if dataset.classes != nil {
            add(.words("Labels (\(dataset.classes ?? 0) classes) were used only to score the result, never in training."))
        }
        let scaling: String? =
            switch FeatureScaling(rawValue: dataset.scaling) {
            case .none?: "used as given, without scaling"
            case .unit?: "scaled to [0, 1] by its known range (pixel values)"
            case .minmax?: "min–max scaled to [0, 1] per feature"
            case .standardize?: "standardised per feature (zero mean, unit variance)"
            case .shared?:
                "centred per feature and divided by one common spread (the root of the mean feature variance), keeping the features' relative spreads"
            case .log?: "log-transformed, log(1 + x), then standardised per feature (zero mean, unit variance)"
            case nil: nil
            }
        if let scaling {
            add(.words("The input was \(scaling)" + (dataset.scalingReason.map { " (\($0))" } ?? "") + "."))
        }
    }

    private mutating func describeNetwork(_ config: RecordedConfiguration, dimensions: Int) {
        guard let hidden = config.hiddenLayers, let latent = config.latentDimensions else { return }
        let layers = ([dimensions > 0 ? dimensions : nil] + hidden.map { $0 } + [latent]).compactMap { $0 }.map(String.init)
        let activation = config.hiddenActivation.map { activation -> String in
            switch activation {
            case .relu: "ReLU"
            case .leakyRelu: "leaky ReLU"
            case .tanh: "tanh"
            case .sigmoid: "sigmoid"
            case .linear: "linear"
            }
        }
        var words = " is a fully connected network with layers \(layers.joined(separator: "–"))"
        if let activation { words += ", \(activation) hidden activations and linear code and output layers" }
        let f = symbol(.encoder), g = symbol(.decoder)
        var pieces: [MethodsPiece] = [.words("The autoencoder's encoder "), f, .words(words + "; its decoder "), g, .words(" mirrors it")]
        if config.batchNormalization == true { pieces.append(.words(", with batch normalisation after every hidden layer")) }
        if let initialization = config.initialization {
            let text =
                switch initialization {
                case .fanIn: "drawn from U(±1/√fan-in) for weights and biases (PyTorch's default)"
                case .auto: "He-initialised for ReLU layers and Glorot-initialised otherwise, with zero biases"
                case .he: "He-initialised, with zero biases"
                case .glorot: "Glorot-initialised, with zero biases"
                }
            pieces.append(.words("; its weights were \(text)"))
        }
        pieces.append(.words("."))
        sentences.append(pieces)
    }

    private mutating func optimizerWords(_ config: RecordedConfiguration) -> String? {
        guard let kind = config.optimizer else { return nil }
        var text =
            kind == .adam ? "Adam" : "SGD with momentum \(config.momentum.map(Self.setting) ?? "?")" + (config.nesterov == true ? " (Nesterov)" : "")
        if let decay = config.weightDecay, decay > 0 { text += " and L2 weight decay \(Self.setting(decay))" }
        return text
    }

    private mutating func describePretraining(_ config: RecordedConfiguration, recordedEpochs: Int, foreign: Bool) {
        guard let epochs = config.pretrainEpochs ?? (recordedEpochs > 0 ? recordedEpochs : nil) else { return }
        guard epochs > 0 else { return add(.words("The autoencoder was not pretrained.")) }
        var pieces: [MethodsPiece] = [.words("It was pretrained for \(epochs) epochs")]
        if !foreign, config.optimizer != nil, config.learningRate != nil {
            let reconstruction = math("‖x − g(f(x))‖²/V", "\\lVert x - g(f(x)) \\rVert^2 / V", uses: [.decoder, .encoder, .inputVariance])
            pieces += [
                .words(" on the relative reconstruction error "), reconstruction, .words(", where "), symbol(.inputVariance),
                .words(" is the total variance of the scaled input,")
            ]
            let rate = config.pretrainLearningRate ?? config.learningRate
            pieces.append(.words(" with \(optimizerWords(config) ?? "") at learning rate \(rate.map(Self.setting) ?? "?")"))
        }
        if let batch = config.batchSize { pieces += [.words(" on shuffled minibatches of "), symbol(.batchSize), .words(" = \(batch)")] }
        pieces.append(.words("."))
        sentences.append(pieces)
    }

    /// Another tool's training: only the numbers it recorded, never our loss.
    private mutating func describeRecordedTraining(_ config: RecordedConfiguration) {
        var parts: [MethodsPiece] = []
        if let epochs = config.epochs { parts.append(.words("The recorded training ran for \(epochs) epochs")) }
        if let lambda = config.lambda {
            parts += parts.isEmpty ? [.words("The recorded clustering weight was ")] : [.words(" with clustering weight ")]
            parts += [symbol(.lambda), .words(" = \(Self.setting(lambda))")]
        }
        if let rate = config.learningRate {
            parts.append(.words(parts.isEmpty ? "The recorded learning rate was \(Self.setting(rate))" : " at learning rate \(Self.setting(rate))"))
        }
        guard !parts.isEmpty else { return }
        parts.append(.words("."))
        sentences.append(parts)
    }

    private mutating func describeTraining(_ config: RecordedConfiguration, manifest: RunManifest) {
        guard let epochs = config.epochs, let lambda = config.lambda else { return }
        let divisor = manifest.start?.clusteringDivisor
        let clusteringTerm =
            divisor == nil
            ? ("‖f(xᵢ) − μ_{sᵢ}‖²", "\\lVert f(x_i) - \\mu_{s_i} \\rVert^2")
            : ("‖f(xᵢ) − μ_{sᵢ}‖²/V_z", "\\lVert f(x_i) - \\mu_{s_i} \\rVert^2 / V_z")
        let loss = math(
            "L = ‖xᵢ − g(f(xᵢ))‖²/V + (λ/2)·" + clusteringTerm.0,
            "L = \\lVert x_i - g(f(x_i)) \\rVert^2 / V + \\frac{\\lambda}{2} " + clusteringTerm.1,
            uses: [.loss, .sample, .decoder, .encoder, .inputVariance, .lambda, .centre, .assignment]
                + (divisor == nil ? [] : [.codeVariance]))
        var pieces: [MethodsPiece] = [
            .words("DCN ["), .citation("yang2017dcn"), .words("] then trained the network and the centres jointly for \(epochs) epochs on "), loss,
            .words(" with "), symbol(.lambda), .words(" = \(Self.setting(lambda))")
        ]
        if let rate = config.learningRate { pieces.append(.words(" (learning rate \(Self.setting(rate)))")) }
        if let divisor {
            pieces += [
                .words("; the clustering term was divided by "), symbol(.codeVariance),
                .words(" = \(formatNumber(divisor)), the codes' total variance at the start, so that "),
                symbol(.lambda), .words(" weighs two relative errors")
            ]
        }
        pieces.append(.words(". "))
        pieces += [
            .words("Because the reconstruction term is relative, "), symbol(.lambda),
            .words(" means the same on any data: it is "), math("λ·V", "\\lambda V", uses: [.lambda, .inputVariance]),
            .words(" in the paper's eq. 5 (summed squared error)")
        ]
        if [FeatureScaling.standardize.rawValue, FeatureScaling.log.rawValue].contains(manifest.dataset.scaling), manifest.dataset.dimensions > 0 {
            pieces += [
                .words(", here "), math("λ·D", "\\lambda D", uses: [.lambda, .dimensions]),
                .words(" = \(formatNumber(Double(lambda) * Double(manifest.dataset.dimensions))) since standardised data have "),
                math("V = D", "V = D", uses: [.inputVariance, .dimensions])
            ]
        }
        pieces.append(.words("."))
        sentences.append(pieces)
        var update: [MethodsPiece] = [.words("Each minibatch took one network step, with each sample's assignment "), symbol(.assignment)]
        update.append(.words(config.assignBeforeStep == false ? " kept from its last visit" : " set to its nearest centre just before the step"))
        update += [
            .words(", then updated each centre as "),
            math(
                "μₖ ← μₖ − (1/cₖ)(μₖ − f(xᵢ))", "\\mu_k \\leftarrow \\mu_k - \\frac{1}{c_k}(\\mu_k - f(x_i))",
                uses: [.centre, .count, .encoder, .sample]),
            .words(" (paper eqs. 7–8)")
        ]
        if let counts = config.centerCountStart {
            update += [
                .words(", with the counts "), symbol(.count),
                .words(" starting at \(counts)" + (config.resetCountsEachEpoch == true ? " every epoch" : ""))
            ]
        }
        update.append(.words("."))
        sentences.append(update)
    }
}
