/// `--frame-size WIDTHxHEIGHT` in layout units, 200–8000 × 150–8000.
public struct FrameSize: Equatable, Sendable {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Parses `WIDTHxHEIGHT`; nil for anything else or a size out of range.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(separator: "x").map { Int($0) }
        guard parts.count == 2, let width = parts[0], let height = parts[1], (200...8000).contains(width), (150...8000).contains(height) else {
            return nil
        }
        self.init(width: width, height: height)
    }

    /// Parses `--frame-size`, saying what was expected when it fails.
    @Sendable public static func parse(_ text: String) throws -> FrameSize {
        guard let size = FrameSize(parsing: text) else {
            throw FlagValueError("expected WIDTHxHEIGHT in layout units (200–8000 × 150–8000), e.g. 1200x560")
        }
        return size
    }

    public var text: String { "\(width)x\(height)" }
}

/// `--image-shape HxW` or `HxWxC`.
public struct ImageShape: Equatable, Sendable {
    public let dimensions: [Int]

    /// Parses `HxW` or `HxWxC` with positive sizes; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        dimensions = parts.map { $0! }
    }

    /// Parses `--image-shape`, saying what was expected when it fails.
    @Sendable public static func parse(_ text: String) throws -> ImageShape {
        guard let shape = ImageShape(parsing: text) else { throw FlagValueError("expected HxW or HxWxC with positive sizes, e.g. 28x28") }
        return shape
    }

    public var text: String { dimensions.map(String.init).joined(separator: "x") }
}
