/// Why a run folder or a model file could not be written or read.
public struct RecordingError: Error, CustomStringConvertible, Sendable {
    /// The file or folder concerned.
    public let path: String
    /// What is wrong.
    public let problem: String

    /// Creates an error about `path`.
    public init(_ path: String, _ problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
