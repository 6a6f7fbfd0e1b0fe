// swift-tools-version:6.0
import PackageDescription

/// dcn-report: Deep Clustering Network (Yang et al., ICML 2017) training, recording and reporting.
///
/// One library target per pipeline stage, data flowing one way:
/// Datasets → Network/Clustering → Training → Recording → Plotting/CairoRendering/Animation → Report,
/// with a thin `dcn-report` executable on top of `DCNReportCommand`.
let package = Package(
    name: "dcn-report",
    products: [
        .executable(name: "dcn-report", targets: ["dcn-report"]),
        .library(name: "DCNEngine", targets: ["Datasets", "Network", "Clustering", "Training", "Recording"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.4.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // C libraries, wrapped at the edge.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CGIF", pkgConfig: "libgif", providers: [.apt(["libgif-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // The Adam update, compiled for AVX-512/AVX2/baseline (see adam_update.c for why it is C).
        .target(name: "CKernels"),

        // Pipeline stages.
        .target(name: "DCNMath", dependencies: ["CBLAS"]),
        .target(name: "NPYFormat"),
        .target(name: "Datasets", dependencies: [
            "DCNMath", "NPYFormat", "CZlib", .product(name: "CompressNIO", package: "compress-nio"),
        ]),
        .target(name: "Network", dependencies: ["DCNMath", "CKernels"]),
        .target(name: "Clustering", dependencies: ["DCNMath"]),
        .target(name: "Training", dependencies: ["DCNMath", "Network", "Clustering", "Datasets"]),
        .target(name: "Recording", dependencies: ["DCNMath", "NPYFormat", "Training"]),
        .target(name: "Plotting", dependencies: ["Clustering"]),
        .target(name: "PNGEncoding", dependencies: ["CZlib"]),
        .target(name: "CairoRendering", dependencies: ["Plotting", "CCairo", "PNGEncoding"]),
        .target(name: "Animation", dependencies: ["CGIF", "PNGEncoding"]),
        .target(name: "Report", dependencies: [
            "Recording", "Plotting", "CairoRendering", "Animation", "Clustering",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "DCNReportCommand", dependencies: [
            "Datasets", "Training", "Recording", "Report", "Clustering", "Network", "NPYFormat", "CairoRendering",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "dcn-report", dependencies: ["DCNReportCommand"]),
        .executableTarget(name: "dcn-bench", dependencies: [
            "DCNMath", "Datasets", "Training", "Network", "Plotting", "CairoRendering", "Clustering", "NPYFormat",
        ]),

        // Tests.
        .target(name: "TestSupport", dependencies: ["DCNMath"], path: "Tests/TestSupport"),
        .testTarget(name: "DCNMathTests", dependencies: ["DCNMath", "TestSupport"]),
        .testTarget(name: "NPYFormatTests", dependencies: ["NPYFormat", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TestSupport"]),
        .testTarget(name: "NetworkTests", dependencies: ["Network", "DCNMath", "TestSupport"]),
        .testTarget(name: "ClusteringTests", dependencies: ["Clustering", "DCNMath", "TestSupport"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "Datasets", "Clustering", "DCNMath", "TestSupport"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "CairoRendering", "Animation", "Clustering", "CGIF", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["DCNReportCommand", "Training", "NPYFormat", "Clustering", "CairoRendering", "Recording", "Datasets", "CGIF", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
