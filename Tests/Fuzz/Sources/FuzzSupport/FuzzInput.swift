import Foundation

/// The bytes libFuzzer hands a target, as `Data`.
/// - Parameters:
///   - start: The first byte (may be null when `count` is 0).
///   - count: How many bytes.
public func fuzzData(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Data {
    guard let start, count > 0 else { return Data() }
    return Data(bytes: start, count: count)
}

/// A scratch folder of this process's own, emptied before each use: for readers that take a path.
public enum ScratchFolder {
    /// The folder, `$TMPDIR/dcn-fuzz-PID`.
    public static let url: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dcn-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Empties the folder and returns it.
    public static func fresh() -> URL {
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
