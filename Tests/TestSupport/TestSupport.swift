import DCNMath
import Foundation
import DCNCore

/// Whether two numbers agree to within an absolute or relative tolerance.
public func approximatelyEqual(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// Gaussian blobs in `dimensions`-D around well-separated centres, `perBlob` points each, with labels.
/// Centre `c` sits at `separation · e_(c mod dimensions)` (plus an offset for c ≥ dimensions).
public func separableBlobs(
    blobs: Int, perBlob: Int, dimensions: Int, separation: Float = 20, spread: Float = 1, seed: UInt64 = 1
) -> (data: Matrix, labels: [Int32]) {
    var generator = SplitMix64(seed: seed)
    var data = Matrix(rows: blobs * perBlob, columns: dimensions)
    var labels = [Int32]()
    for b in 0..<blobs {
        for i in 0..<perBlob {
            let row = b * perBlob + i
            for j in 0..<dimensions {
                var center: Float = (j == b % dimensions) ? separation : 0
                if j == 0 && b >= dimensions { center += separation * Float(b / dimensions + 1) }
                data[row, j] = center + spread * Float(generator.nextGaussian())
            }
            labels.append(Int32(b))
        }
    }
    return (data, labels)
}

/// A fresh empty temporary folder.
public func temporaryDirectory(_ name: String = "dcn-test") -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs a program and returns its exit status and combined output.
@discardableResult
public func runProcess(_ executable: String, _ arguments: [String], currentDirectory: URL? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The path of `python3`, if the machine has one with numpy.
public func pythonWithNumpy() -> String? {
    for candidate in ["/usr/bin/python3", "/usr/local/bin/python3", "/root/.pyenv/shims/python3"]
    where FileManager.default.isExecutableFile(atPath: candidate) {
        if let result = try? runProcess(candidate, ["-c", "import numpy"]), result.status == 0 { return candidate }
    }
    return nil
}

/// The repository root (the folder holding Package.swift), found from this source file.
public func repositoryRoot(file: StaticString = #filePath) -> URL {
    var url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        url = url.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}

/// The built `dcn-report` executable next to the test bundle (or in .build/debug), if present.
public func builtBinary() -> String? {
    [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dcn-report"),
        repositoryRoot().appendingPathComponent(".build/debug/dcn-report")
    ]
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path
}

/// The quoted strings of each entry line of a Python dict literal `NAME … = {…}` in the Python package, for
/// tests that check its tables against the Swift ones (`"a": "b",` gives `["a", "b"]`); nil when the file
/// no longer defines `name`.
/// - Parameters:
///   - path: The file, relative to the repository root.
///   - name: The dict's name.
public func pythonDictEntries(in path: String, named name: String) throws -> [[String]]? {
    let text = try String(contentsOf: repositoryRoot().appendingPathComponent(path), encoding: .utf8)
    guard let start = text.range(of: name), let open = text[start.upperBound...].range(of: "{"),
        let end = text[open.upperBound...].range(of: "\n}")
    else { return nil }
    return text[open.upperBound..<end.lowerBound].split(separator: "\n").compactMap { line in
        let quoted = line.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        return quoted.isEmpty ? nil : quoted
    }
}
