/// A point in device units (pixels for raster output, points for vector output), y downwards.
public struct Point: Equatable, Sendable {
    public var x: Double
    public var y: Double
    /// Creates a point.
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// Horizontal anchoring of text relative to its position.
public enum TextAnchor: Sendable {
    case start, middle, end
}

/// The drawing primitives a figure needs; one backend (Cairo) implements them for PNG, SVG and PDF.
public protocol Canvas: AnyObject {
    /// Fills the whole canvas.
    func fillBackground(_ color: Color)
    /// Fills an axis-aligned rectangle.
    func fillRectangle(x: Double, y: Double, width: Double, height: Double, color: Color)
    /// Strokes an axis-aligned rectangle.
    func strokeRectangle(x: Double, y: Double, width: Double, height: Double, color: Color, lineWidth: Double)
    /// Draws a straight line.
    func strokeLine(from: Point, to: Point, color: Color, lineWidth: Double)
    /// Draws a polyline through the points.
    func strokePolyline(_ points: [Point], color: Color, lineWidth: Double, dashed: Bool)
    /// Fills many discs of one colour in one operation, clipped to a rectangle.
    func fillDiscs(_ centers: [Point], radius: Double, color: Color, clip: (x: Double, y: Double, width: Double, height: Double))
    /// Draws a centre marker: a filled disc with a white ring and a dark outline.
    func drawCenterMarker(at point: Point, radius: Double, fill: Color)
    /// Draws text with its baseline at `position.y`.
    func drawText(_ text: String, at position: Point, size: Double, color: Color, anchor: TextAnchor, bold: Bool)
    /// Draws text rotated 90° anticlockwise, centred on `position`.
    func drawVerticalText(_ text: String, at position: Point, size: Double, color: Color)
    /// The advance width of `text` at `size`.
    func textWidth(_ text: String, size: Double, bold: Bool) -> Double
}
