/// An error to show the user as one line, already in the command line's terms.
public struct UserFacingError: Error, CustomStringConvertible {
    public let description: String

    /// - Parameter description: The line, e.g. `--out /x: folder is not writable`.
    public init(_ description: String) { self.description = description }
}
