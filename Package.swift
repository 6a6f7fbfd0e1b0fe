// swift-tools-version:6.0
import PackageDescription

/// dcn-report: Deep Clustering Network (Yang et al., ICML 2017) training, recording and reporting.
///
/// One library target per pipeline stage, data flowing one way (README: code map):
///
///     DCNCore, Scoring, NPYFormat, AtomicWrite          vocabulary: settings, Matrix, metrics, files
///       └─ RunFormat                                    the run folder and model file, read and written
///     DCNMath (BLAS) ─ Datasets, NeuralNetwork, Clustering ─ Training ─ Recording (trainer events → RunFormat)
///     Plotting ─ CairoRendering, Animation ─ Report      (Report reads RunFormat only: no trainer, no BLAS)
///
/// with a thin `dcn-report` executable on top of `DCNReportCommand`.
let package = Package(
    name: "dcn-report",
    products: [
        .executable(name: "dcn-report", targets: ["dcn-report"]),
        .library(name: "DCNEngine", targets: ["DCNCore", "Datasets", "NeuralNetwork", "Clustering", "Training", "RunFormat", "Recording"]),
        // Every reader of files from strangers, for the coverage-guided fuzz targets in Tests/Fuzz (a package of its own).
        .library(name: "DCNFileReaders", targets: ["NPYFormat", "Datasets", "RunFormat", "SettingFiles", "ServingRules"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0")
    ],
    targets: [
        // C libraries, wrapped at the edge.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CGIF", pkgConfig: "libgif", providers: [.apt(["libgif-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // The Adam update, compiled for AVX-512/AVX2/baseline (see adam_update.c for why it is C).
        .target(name: "CKernels"),

        // Vocabulary shared by every stage; none of these links a C library.
        .target(name: "DCNCore"),
        .target(name: "Scoring"),
        .target(name: "NPYFormat"),
        .target(name: "AtomicWrite"),
        .target(name: "RunFormat", dependencies: ["DCNCore", "Scoring", "NPYFormat", "AtomicWrite"]),
        .target(name: "Embedding", dependencies: ["DCNCore"]),

        // Training.
        .target(name: "DCNMath", dependencies: ["DCNCore", "CBLAS"]),
        .target(name: "Datasets", dependencies: ["DCNCore", "DCNMath", "NPYFormat", "CZlib"]),
        .target(name: "NeuralNetwork", dependencies: ["DCNCore", "DCNMath", "CKernels"]),
        .target(name: "Clustering", dependencies: ["DCNCore", "DCNMath"]),
        .target(name: "Training", dependencies: ["DCNCore", "DCNMath", "NeuralNetwork", "Clustering", "Scoring", "RunFormat"]),
        .target(name: "Recording", dependencies: ["Training", "RunFormat", "DCNCore", "DCNMath", "Clustering", "Scoring"]),

        // Figures and the report.
        .target(name: "Plotting", dependencies: ["Scoring"]),
        .target(name: "PNGEncoding", dependencies: ["CZlib"]),
        .target(name: "CairoRendering", dependencies: ["Plotting", "CCairo", "PNGEncoding", "AtomicWrite"]),
        .target(name: "Animation", dependencies: ["CGIF", "PNGEncoding", "AtomicWrite"]),
        .target(
            name: "Report",
            dependencies: [
                "DCNCore", "RunFormat", "Scoring", "Embedding", "Plotting", "CairoRendering", "Animation", "AtomicWrite", "PNGEncoding",
                "ServingRules", .product(name: "Mustache", package: "swift-mustache")
            ]),

        // The files a user writes or a sweep leaves behind, read without the pipeline: config files (YAML)
        // and sweep manifests — a module of their own so the fuzz targets build only the readers.
        .target(name: "SettingFiles", dependencies: ["AtomicWrite", .product(name: "Yams", package: "Yams")]),

        // A run from data to report, and sweeps of runs: what the command line calls.
        .target(
            name: "Runs",
            dependencies: [
                "DCNCore", "Datasets", "DCNMath", "Clustering", "Scoring", "Training", "RunFormat", "Recording", "Report", "AtomicWrite",
                "NPYFormat", "CairoRendering", "SettingFiles"
            ]),

        // What `serve` checks before routing (paths, Host, token, cross-site), without Hummingbird, so the
        // fuzz targets build it alone.
        .target(name: "ServingRules"),

        // `dcn-report serve`: the runs under a folder, live in the browser (Hummingbird on SwiftNIO).
        .target(
            name: "Serving",
            dependencies: [
                "Runs", "Report", "RunFormat", "DCNCore", "ServingRules",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
            ]),

        // The command line: parses, then calls Runs.
        .target(
            name: "DCNReportCommand",
            dependencies: [
                "Runs", "Serving", "ServingRules", "SettingFiles",
                "DCNCore", "Datasets", "Training", "Report", "CairoRendering", "RunFormat",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]),
        .executableTarget(name: "dcn-report", dependencies: ["DCNReportCommand"]),
        .executableTarget(
            name: "dcn-bench",
            dependencies: [
                "DCNCore", "DCNMath", "Datasets", "Training", "NeuralNetwork", "Plotting", "CairoRendering", "Clustering", "Scoring", "NPYFormat",
                "RunFormat", "Embedding", "Report", "Runs", "Serving", "TestSupport"
            ]),

        // Tests.
        .target(name: "TestSupport", dependencies: ["DCNCore", "DCNMath", "CCairo", "RunFormat"], path: "Tests/TestSupport"),
        .testTarget(name: "DCNMathTests", dependencies: ["DCNCore", "DCNMath"]),
        .testTarget(name: "NPYFormatTests", dependencies: ["NPYFormat", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["DCNCore", "Datasets", "DCNMath", "NPYFormat", "TestSupport"]),
        .testTarget(name: "NeuralNetworkTests", dependencies: ["DCNCore", "NeuralNetwork", "DCNMath", "TestSupport"]),
        .testTarget(name: "ClusteringTests", dependencies: ["DCNCore", "Clustering", "Scoring", "DCNMath", "TestSupport"]),
        .testTarget(
            name: "TrainingTests",
            dependencies: ["DCNCore", "Training", "RunFormat", "Datasets", "Clustering", "Scoring", "DCNMath", "NeuralNetwork", "TestSupport"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "CairoRendering", "Animation", "Scoring", "CGIF", "TestSupport"]),
        .testTarget(name: "EmbeddingTests", dependencies: ["Embedding"]),
        .testTarget(name: "ServingTests", dependencies: ["Serving", "ServingRules", "Runs", "RunFormat", "NPYFormat", "TestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "DCNReportCommand", "Runs", "DCNCore", "Training", "NPYFormat", "Clustering", "Scoring", "CairoRendering", "RunFormat", "Recording",
                "Report", "Datasets", "CGIF", "DCNMath", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ])
    ],
    swiftLanguageModes: [.v6]
)
