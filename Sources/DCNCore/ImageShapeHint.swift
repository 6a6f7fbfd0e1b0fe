/// The image shape pixel data probably has when nothing says so (a CSV or 2-D NumPy array of digits):
/// D = s² gives s × s, D = 3s² gives s × s × 3. Only a hint: the user confirms it with `--image-shape`.
public enum ImageShapeHint {
    /// The likely shape of a sample of `dimensions` pixel values, or nil when D is not s² or 3s² (s ≥ 4).
    public static func shape(forPixelDimensions dimensions: Int) -> [Int]? {
        func side(_ n: Int) -> Int? {
            guard n >= 16 else { return nil }
            let s = Int(Double(n).squareRoot().rounded())
            return s * s == n ? s : nil
        }
        if let s = side(dimensions) { return [s, s] }
        if dimensions % 3 == 0, let s = side(dimensions / 3) { return [s, s, 3] }
        return nil
    }

    /// The one line that suggests `--image-shape` for pixel data recorded without a shape, or nil.
    /// - Parameters:
    ///   - dimensions: D.
    ///   - imageShape: The shape the data set already has, if any.
    ///   - pixelScaled: Whether the data were scaled as pixels (`unit`: integers on one 0–255 scale).
    public static func suggestion(dimensions: Int, imageShape: [Int]?, pixelScaled: Bool) -> String? {
        guard imageShape == nil, pixelScaled, let shape = shape(forPixelDimensions: dimensions) else { return nil }
        let text = shape.map(String.init).joined(separator: "x")
        return "The \(dimensions) features are integer pixel-like values and \(dimensions) = \(shape.map(String.init).joined(separator: " × ")): "
            + "if each sample is an image, --image-shape \(text) draws the decoded centres and the galleries as images instead of heat maps."
    }
}
