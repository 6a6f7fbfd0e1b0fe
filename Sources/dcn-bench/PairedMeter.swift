import Foundation
import Training

/// Times training epochs and, every `interval` minibatches, pauses the epoch's clock to measure
/// sgemm at the network's shapes for a moment.
///
/// Why: the machine is shared, and its sgemm throughput drifts by ±30 % within a minute. Measuring the
/// reference only before or after a 10-second epoch compares the epoch with a different machine.
/// Interleaved, every part of the epoch is compared with the sgemm speed of the same moment; the
/// epoch's time still covers all of its work (shuffling, gathering, every product, Adam, the centre
/// updates), only the measurements themselves are excluded.
final class PairedMeter: TrainingObserver {
    /// One timed epoch.
    struct Epoch {
        var isPretraining: Bool
        var seconds: Double
        /// sgemm GFLOP/s measured during this epoch.
        var references: [Double]
        var meanReference: Double { references.reduce(0, +) / Double(max(references.count, 1)) }
    }

    private(set) var epochs: [Epoch] = []
    /// Seconds spent measuring sgemm (to subtract from the run's wall time).
    private(set) var measuringSeconds = 0.0

    private let reference: StepProducts
    private let interval: Int
    private let referenceSeconds: Double
    private let stepsPerEpoch: Int
    private var pretraining = true
    private var calls = 0
    private var stepsSinceMeasurement = 0
    private var elapsed = 0.0
    private var references: [Double] = []
    private var clockStart = now()

    /// - Parameters:
    ///   - reference: The products to measure.
    ///   - interval: Minibatches between measurements.
    ///   - referenceSeconds: Length of each measurement.
    ///   - stepsPerEpoch: Minibatches per epoch.
    init(reference: StepProducts, interval: Int, referenceSeconds: Double, stepsPerEpoch: Int) {
        self.reference = reference
        self.interval = interval
        self.referenceSeconds = referenceSeconds
        self.stepsPerEpoch = stepsPerEpoch
    }

    /// Install as the trainer's `shouldStop`, which the trainer asks after every minibatch and once
    /// more at the end of each epoch's loop.
    func afterMinibatch() -> Bool {
        calls += 1
        if calls == stepsPerEpoch + 1 {
            // The epoch's loop is over: stop its clock before the snapshot, which is not epoch work.
            elapsed += now() - clockStart
            epochs.append(Epoch(isPretraining: pretraining, seconds: elapsed, references: references))
            elapsed = 0
            references = []
            calls = 0
            return false
        }
        stepsSinceMeasurement += 1
        if stepsSinceMeasurement == interval {
            elapsed += now() - clockStart
            measure()
            stepsSinceMeasurement = 0
            clockStart = now()
        }
        return false
    }

    /// The mean sgemm throughput measured during `epoch`, or during its phase when the epoch was
    /// shorter than the measuring interval.
    func reference(for epoch: Epoch) -> Double {
        if !epoch.references.isEmpty { return epoch.meanReference }
        var measured = epochs.filter { $0.isPretraining == epoch.isPretraining }.flatMap(\.references)
        if measured.isEmpty { measured = epochs.flatMap(\.references) }
        return measured.reduce(0, +) / Double(max(measured.count, 1))
    }

    private func measure() {
        let start = now()
        references.append(reference.throughput(seconds: referenceSeconds))
        measuringSeconds += now() - start
    }

    func handle(_ event: TrainingEvent) throws {
        switch event {
        case .pretrainingEpochEnded:
            clockStart = now()
        case .snapshot:
            pretraining = false  // epoch 0's snapshot comes after k-means initialisation, before DCN epoch 1
            clockStart = now()
        case .finished:
            break
        }
    }
}
