/// A setting that is out of range, named by its ``DCNConfiguration`` field (e.g. `lambda`), so that a
/// front end can name it in its own terms (the command line maps fields to flags).
public struct SettingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The ``DCNConfiguration`` property, e.g. `batchSize`.
    public let field: String
    /// What is wrong, e.g. "must be at least 1, got 0".
    public let problem: String

    /// Creates an error about `field`.
    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(field) \(problem)" }
}
