/// Why a data set could not be loaded, with the input it concerns.
public struct DatasetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file or source concerned, as the user named it.
    public let input: String
    /// What is wrong with it.
    public let problem: String

    /// Creates an error about `input`.
    public init(_ input: String, _ problem: String) {
        self.input = input
        self.problem = problem
    }

    public var description: String { "\(input): \(problem)" }
}
