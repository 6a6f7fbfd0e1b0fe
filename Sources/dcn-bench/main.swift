import DCNMath
import Datasets
import Foundation
import CairoRendering
import NeuralNetwork
import Plotting
import Training
import DCNCore

// dcn-bench: measures this machine's sgemm throughput at the network's shapes and the trainer's
// whole-epoch throughput, in one run, so the ratio compares like with like.
//   swift run -c release dcn-bench [--quick]
// See docs/performance.md for recorded results.

let quick = CommandLine.arguments.contains("--quick")
let only = CommandLine.arguments.firstIndex(of: "--only").map { CommandLine.arguments[$0 + 1] }

func now() -> Double { Date().timeIntervalSince1970 }

func peakResidentMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // ru_maxrss is in KiB on Linux
}

/// Floating-point operations of one forward + backward pass per sample (2 per multiply–add; the
/// backward pass costs two products per layer, except no input gradient for the first layer).
func trainingFlopsPerSample(_ widths: [Int]) -> Double {
    var flops = 0.0
    let layers = Array(zip(widths, widths.dropFirst())) + Array(zip(widths.reversed(), widths.reversed().dropFirst()))
    for (index, (input, output)) in layers.enumerated() {
        let product = 2 * Double(input * output)
        flops += product * (index == 0 ? 2 : 3)
    }
    return flops
}

func encoderFlopsPerSample(_ widths: [Int]) -> Double {
    zip(widths, widths.dropFirst()).reduce(0.0) { $0 + 2 * Double($1.0 * $1.1) }
}

func report(
    _ title: String, widths: [Int], batch: Int, samples: Int, configuration: DCNConfiguration, data: Matrix,
    measureEvery interval: Int, measureFor referenceSeconds: Double
) throws {
    let products = StepProducts(widths: widths, batch: batch)
    let trainer = try DCNTrainer(configuration: configuration, data: data, evaluationLabels: nil)
    let meter = PairedMeter(
        reference: products, interval: interval, referenceSeconds: referenceSeconds,
        stepsPerEpoch: (samples + configuration.batchSize - 1) / configuration.batchSize)
    trainer.shouldStop = meter.afterMinibatch
    let start = now()
    try trainer.run(observer: meter)
    let total = now() - start - meter.measuringSeconds
    let pretrainFlops = trainingFlopsPerSample(widths) * Double(samples)
    // A DCN epoch also re-encodes each batch after the network step. (The snapshot's encoding of all
    // samples comes after the epoch's timed part, so it is not counted here.)
    let trainFlops = pretrainFlops + encoderFlopsPerSample(widths) * Double(samples)
    print("== \(title)")
    let references = meter.epochs.flatMap(\.references)
    print(
        String(
            format: "sgemm at the network's shapes (batch %d), %d measurements interleaved with training: %.1f–%.1f GFLOP/s",
            batch, references.count, references.min() ?? .nan, references.max() ?? .nan))
    for (phase, isPretraining, flops) in [("pretraining epoch", true, pretrainFlops), ("DCN epoch", false, trainFlops)] {
        let epochs = meter.epochs.filter { $0.isPretraining == isPretraining }
        guard !epochs.isEmpty else { continue }
        let seconds = epochs.map(\.seconds)
        let ratios = epochs.map { flops / $0.seconds / 1e9 / meter.reference(for: $0) }.sorted()
        let mean = seconds.reduce(0, +) / Double(seconds.count)
        print(
            String(
                format:
                    "%@ %.3f s mean of %d (fastest %.3f s); %.0f samples/s, %.1f GFLOP/s; ratio to the same moments' sgemm %.2f (median of epochs; range %.2f–%.2f)",
                (phase + ":").padding(toLength: 19, withPad: " ", startingAt: 0), mean, seconds.count, seconds.min()!,
                Double(samples) / mean, flops / mean / 1e9, ratios[ratios.count / 2], ratios.first!, ratios.last!))
    }
    let training = meter.epochs.map(\.seconds).reduce(0, +)
    print(
        String(
            format: "pretraining + DCN training (%d + %d epochs): %.2f s; whole run incl. k-means init, snapshots and final k-means: %.2f s",
            configuration.pretrainEpochs, configuration.epochs, training, total))
    print(String(format: "peak resident memory so far: %.0f MiB", peakResidentMiB()))
}

if only == nil || only == "synthetic" {
    // (b) The default synthetic demo: 10,000 × 100, 100-100-50-10-2, batch 64, 50 + 50 epochs.
    var synthetic = DCNConfiguration()
    synthetic.seed = 6
    if quick {
        synthetic.pretrainEpochs = 5
        synthetic.epochs = 5
    }
    var demo = SyntheticDataset().generate(seed: 0)
    FeatureScaling.standardize.apply(to: &demo.features)
    // A 20 ms sgemm measurement every 785 minibatches (5 epochs, about 0.13 s of training): rare, so the
    // demo's own timing is barely disturbed.
    try report(
        "synthetic demo (10,000 × 100)", widths: [100, 100, 50, 10, 2], batch: 64, samples: demo.count,
        configuration: synthetic, data: demo.features, measureEvery: 785, measureFor: 0.02)

}

if only == nil || only == "mnist" {
    // (a) The MNIST preset's network on 70,000 × 784 random inputs in [0, 1], batch 256, one epoch of each phase.
    let mnistSamples = quick ? 10_000 : 70_000
    var generator = SplitMix64(seed: 1)
    var mnist = Matrix(rows: mnistSamples, columns: 784)
    for i in 0..<mnist.values.count { mnist.values[i] = generator.nextUnitFloat() }
    var mnistConfiguration = DCNConfiguration.mnist
    mnistConfiguration.pretrainEpochs = 1
    mnistConfiguration.epochs = 1
    mnistConfiguration.kmeansRestarts = 1
    // A 50 ms sgemm measurement every 10 minibatches (about 0.4 s of training).
    try report(
        "MNIST network (\(mnistSamples) × 784, 784-500-500-2000-10)", widths: [784, 500, 500, 2000, 10], batch: 256,
        samples: mnistSamples, configuration: mnistConfiguration, data: mnist, measureEvery: 10, measureFor: 0.05)
}

/// Median milliseconds to draw a two-panel frame of `points` points and write it as PNG.
func frameMilliseconds(points: Int, repetitions: Int) throws -> Double {
    var generator = SplitMix64(seed: 5)
    let labels = (0..<points).map { Int32($0 % 10) }
    var xs = [Float](), ys = [Float]()
    for label in labels {
        let column = Float(label % 5), row = Float(label / 5)
        xs.append(column * 3 + Float(generator.nextGaussian()))
        ys.append(row * 3 + Float(generator.nextGaussian()))
    }
    let classIds = Array(Int32(0)..<10)
    let coloring = ClusterColoring(assignments: labels, labels: labels, classIds: classIds, clusterCount: 10)
    let frame = ScatterFrame(
        title: "Epoch 12 of 50 · DCN training", subtitle: "NMI 0.987 · ARI 0.981 · ACC 0.996",
        xs: xs, ys: ys, predicted: labels, truth: labels, classIds: classIds,
        centers: (0..<10).map { i -> (x: Double, y: Double) in (Double(i % 5) * 3, Double(i / 5) * 3) },
        coloring: coloring,
        limits: AxisLimits(xMin: -4, xMax: 16, yMin: -4, yMax: 7))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("dcn-bench-frame.png").path
    var times: [Double] = []
    for _ in 0..<repetitions {
        let start = now()
        let canvas = try CairoCanvas(rasterWidth: 1200, height: 560)
        frame.draw(on: canvas, width: 1200, height: 560)
        try canvas.writePNG(to: path)
        times.append((now() - start) * 1000)
    }
    return times.sorted()[times.count / 2]
}

if only == nil || only == "render" {
    print("== rendering (one thread, 1200 × 560 two-panel frame, PNG written)")
    print(String(format: "10,000 points: median %.1f ms per frame", try frameMilliseconds(points: 10_000, repetitions: quick ? 5 : 21)))
    print(String(format: "70,000 points: median %.1f ms per frame", try frameMilliseconds(points: 70_000, repetitions: quick ? 3 : 11)))
}

if only == "kmeans" {
    guard let index = CommandLine.arguments.firstIndex(of: "--mnist"), index + 1 < CommandLine.arguments.count else {
        FileHandle.standardError.write(Data("dcn-bench --only kmeans needs --mnist FOLDER (the four MNIST IDX files)\n".utf8))
        exit(2)
    }
    let npy = CommandLine.arguments.firstIndex(of: "--write-npy").map { CommandLine.arguments[$0 + 1] }
    try benchmarkKMeans(mnistFolder: CommandLine.arguments[index + 1], npyPath: npy)
}

if only == "tsne" {
    let arguments = CommandLine.arguments
    guard let runIndex = arguments.firstIndex(of: "--run"), runIndex + 1 < arguments.count else {
        FileHandle.standardError.write(Data("dcn-bench: --only tsne needs --run RUN_DIR\n".utf8))
        exit(2)
    }
    let cap = arguments.firstIndex(of: "--cap").flatMap { Int(arguments[$0 + 1]) } ?? 2_500
    let npy = arguments.firstIndex(of: "--write-npy").map { arguments[$0 + 1] }
    try benchmarkTSNE(runFolder: arguments[runIndex + 1], cap: cap, npyFolder: npy)
}

if only == "render-stages" {
    let arguments = CommandLine.arguments
    guard let runIndex = arguments.firstIndex(of: "--run"), runIndex + 1 < arguments.count else {
        FileHandle.standardError.write(Data("dcn-bench: --only render-stages needs --run REPORT_OR_RUN_FOLDER\n".utf8))
        exit(2)
    }
    try benchmarkRenderStages(runFolder: arguments[runIndex + 1])
}

if only == "long-run" {
    let epochs = CommandLine.arguments.firstIndex(of: "--epochs").flatMap { Int(CommandLine.arguments[$0 + 1]) } ?? 5_000
    try benchmarkLongRun(epochs: epochs)
}

if only == "serve" {
    try benchmarkServe(keep: CommandLine.arguments.contains("--keep"))
}
