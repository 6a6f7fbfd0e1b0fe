public import DCNCore
import DCNMath
import NeuralNetwork
public import RunFormat

extension DCNTrainer {
    /// The state after pretraining, to start other runs' DCN phases from (see ``RunFormat/PretrainedCheckpoint``).
    /// - Parameter scaling: The scaling that was applied to the training data.
    /// - Throws: ``TrainingError/notTrained`` before ``pretrain(observer:)``.
    public func pretrainedCheckpoint(scaling: FittedScaling) throws -> PretrainedCheckpoint {
        guard pretrained else { throw TrainingError.notTrained }
        let model = TrainedModel(
            configuration: configuration, scaling: scaling, autoencoder: autoencoder,
            centers: Matrix(rows: 0, columns: configuration.latentDimensions))
        let state = optimizer.state
        return PretrainedCheckpoint(
            model: model.file, optimizerStep: state.step, optimizerBuffers: state.buffers,
            generatorState: generator.checkpointState, pretraining: pretrainingRecord.map(\.entry),
            pretrainingSeconds: pretrainingRecord.map(\.seconds), dataFingerprint: data.fingerprint)
    }

    /// Continues from a checkpoint instead of pretraining: the network, optimiser and generator take the
    /// saved state. Then call ``replayPretraining(observer:)`` so the observer receives the saved
    /// pretraining epochs as if they had just run: the recording is the one pretraining would have written.
    /// - Parameters:
    ///   - checkpoint: A checkpoint written after pretraining on the same data with the same pretraining settings.
    ///   - source: The checkpoint's file, named in errors.
    /// - Throws: ``TrainingError/unusableData(_:)`` when the checkpoint belongs to other data or settings
    ///   (naming the first setting that differs).
    public func restore(from checkpoint: PretrainedCheckpoint, source: String) throws {
        let saved = PretrainingSettings(checkpoint.model.configuration), current = PretrainingSettings(configuration)
        if let field = saved.firstDifference(from: current) {
            throw TrainingError.unusableData("\(source): was pretrained with another \(field); it serves only runs whose pretraining settings match")
        }
        guard checkpoint.dataFingerprint == data.fingerprint, checkpoint.model.inputDimensions == data.columns else {
            throw TrainingError.unusableData("\(source): was pretrained on other data (or another scaling)")
        }
        do {
            try autoencoder.load(checkpoint.model.layers)
            try optimizer.restore(OptimizerState(step: checkpoint.optimizerStep, buffers: checkpoint.optimizerBuffers))
        } catch {
            throw TrainingError.unusableData("\(source): \(error)")
        }
        generator = SplitMix64(seed: checkpoint.generatorState)
        pretrainingRecord = Array(zip(checkpoint.pretraining, checkpoint.pretrainingSeconds))
        pretrained = true
    }

    /// Reports the pretraining epochs of a restored checkpoint to `observer`, as pretraining would have.
    /// - Throws: The observer's error.
    public func replayPretraining(observer: TrainingObserver) throws {
        for (entry, seconds) in pretrainingRecord {
            try observer.handle(
                .pretrainingEpochEnded(
                    epoch: entry.epoch, of: configuration.pretrainEpochs,
                    reconstruction: entry.reconstruction, seconds: seconds))
        }
    }
}

extension Autoencoder {
    /// Overwrites every layer's parameters with saved ones.
    /// - Throws: ``LayerMismatch`` when the saved layers do not have this network's shapes.
    func load(_ layers: [ModelFile.Layer]) throws {
        let own = encoder + decoder
        guard own.map({ [$0.inputDimensions, $0.outputDimensions] }) == layers.map({ [$0.inputDimensions, $0.outputDimensions] }),
            zip(own, layers).allSatisfy({ ($0.batchNormalization != nil) == ($1.normalization != nil) })
        else {
            throw LayerMismatch()
        }
        for (layer, saved) in zip(own, layers) {
            layer.weight.load(saved.weight)
            layer.bias.load(saved.bias)
            if let norm = layer.batchNormalization, let values = saved.normalization {
                for (buffer, stored) in zip([norm.gamma, norm.beta, norm.runningMean, norm.runningVariance], values) { buffer.load(stored) }
            }
        }
    }

    /// Saved layers whose shapes differ from the network's.
    struct LayerMismatch: Error, CustomStringConvertible {
        var description: String { "layer shapes do not match the configuration" }
    }
}

extension Matrix {
    /// A 64-bit FNV-1a hash of the shape and every value's bits, in hexadecimal: equal for equal data.
    var fingerprint: String {
        var hash = FNV1a()
        hash.mix(UInt64(rows))
        hash.mix(UInt64(columns))
        values.withUnsafeBufferPointer { for value in $0 { hash.mix(UInt64(value.bitPattern)) } }
        return hash.hex
    }
}
