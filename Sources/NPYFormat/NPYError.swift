/// Why an NPY file could not be read or written.
public struct NPYError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What is wrong, in words a user can act on (without the file name; callers add it).
    public let message: String

    /// Creates an error with a message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
