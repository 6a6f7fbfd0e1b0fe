// swift-tools-version:6.0
import PackageDescription

/// Coverage-guided fuzz targets (libFuzzer) for every reader of files that come from strangers, and for what
/// `serve` parses from requests.
///
/// A package of its own so that the sanitizer flags never reach the product's build:
///
///     make fuzz                      # builds these, runs each target FUZZ_SECONDS (default 600)
///     make fuzz-replay               # runs each target once over its committed corpus (CI)
///
/// Each target is one `LLVMFuzzerTestOneInput` that hands the bytes to a reader and ignores thrown
/// errors: the fuzzer looks for what must never happen — a trap, a sanitizer report, a hang, or memory
/// that grows without bound. Seeds live in `corpus/NAME/`; `make fuzz` adds what it finds to a
/// scratch copy, and crashes it finds are minimised into `corpus/NAME/` once fixed.
let targets = [
    "FuzzNPY", "FuzzIDX", "FuzzCSV", "FuzzGzip", "FuzzConfig", "FuzzModel", "FuzzCheckpoint", "FuzzRunFolder", "FuzzSweepManifest", "FuzzRequestGate"
]

let package = Package(
    name: "dcn-report-fuzz",
    dependencies: [.package(name: "dcn-report", path: "../..")],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"])
    ]
        + targets.map { name in
            .executableTarget(
                name: name,
                dependencies: ["FuzzSupport", .product(name: "DCNFileReaders", package: "dcn-report")])
        },
    swiftLanguageModes: [.v6]
)
