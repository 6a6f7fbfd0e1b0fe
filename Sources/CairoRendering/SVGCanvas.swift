internal import CCairo
import AtomicWrite
import Foundation
public import Plotting

/// A ``Canvas`` that writes SVG elements directly, so every label stays real `<text>` (searchable,
/// selectable and editable in a paper's figure), which Cairo's SVG surface does not do (it draws
/// glyphs as outlines). Text is measured with Cairo and the same font (DejaVu Sans), so the layout
/// matches the PNG and PDF output.
public final class SVGCanvas: Canvas {
    /// Width in SVG user units (pixels).
    public let width: Double
    /// Height in SVG user units.
    public let height: Double
    private var body: [String] = []
    private var clipCount = 0
    private let measuringSurface: OpaquePointer
    private let measuringContext: OpaquePointer

    /// Starts an empty drawing.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
        measuringSurface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        measuringContext = cairo_create(measuringSurface)
    }

    deinit {
        cairo_destroy(measuringContext)
        cairo_surface_destroy(measuringSurface)
    }

    /// The complete SVG document.
    public var document: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))">
        \(body.joined(separator: "\n"))
        </svg>

        """
    }

    /// Writes the document to `path` (atomically).
    /// - Throws: ``RenderError`` naming the file.
    public func write(to path: String) throws {
        do {
            try AtomicFile.write(Data(document.utf8), to: URL(fileURLWithPath: path))
        } catch {
            throw RenderError("\(path): cannot write SVG (\(error.reason))")
        }
    }

    private func f(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private func paint(_ color: Color) -> String {
        color.alpha < 1 ? "\(color.hexString)\" fill-opacity=\"\(f(color.alpha))" : color.hexString
    }

    private func stroke(_ color: Color) -> String {
        color.alpha < 1 ? "\(color.hexString)\" stroke-opacity=\"\(f(color.alpha))" : color.hexString
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    public func fillBackground(_ color: Color) {
        body.append("<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"\(paint(color))\"/>")
    }

    public func fillRectangle(x: Double, y: Double, width: Double, height: Double, color: Color) {
        body.append("<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"\(paint(color))\"/>")
    }

    public func strokeRectangle(x: Double, y: Double, width: Double, height: Double, color: Color, lineWidth: Double) {
        body.append(
            "<rect x=\"\(f(x + 0.5))\" y=\"\(f(y + 0.5))\" width=\"\(f(width - 1))\" height=\"\(f(height - 1))\" fill=\"none\" "
                + "stroke=\"\(stroke(color))\" stroke-width=\"\(f(lineWidth))\"/>")
    }

    public func strokeLine(from: Point, to: Point, color: Color, lineWidth: Double) {
        strokePolyline([from, to], color: color, lineWidth: lineWidth, dashed: false)
    }

    public func strokePolyline(_ points: [Point], color: Color, lineWidth: Double, dashed: Bool) {
        guard points.count >= 2 else { return }
        let list = points.map { "\(f($0.x)),\(f($0.y))" }.joined(separator: " ")
        let dash = dashed ? " stroke-dasharray=\"\(f(4 * lineWidth)) \(f(3 * lineWidth))\"" : ""
        body.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke(color))\" stroke-width=\"\(f(lineWidth))\"\(dash)/>")
    }

    public func fillDiscs(_ centers: [Point], radius: Double, color: Color, clip: (x: Double, y: Double, width: Double, height: Double)) {
        guard !centers.isEmpty else { return }
        clipCount += 1
        body.append(
            "<clipPath id=\"c\(clipCount)\"><rect x=\"\(f(clip.x))\" y=\"\(f(clip.y))\" width=\"\(f(clip.width))\" height=\"\(f(clip.height))\"/></clipPath>"
        )
        body.append("<g clip-path=\"url(#c\(clipCount))\" fill=\"\(paint(color))\">")
        let r = f(radius)
        body.append(centers.map { "<circle cx=\"\(f($0.x))\" cy=\"\(f($0.y))\" r=\"\(r)\"/>" }.joined())
        body.append("</g>")
    }

    public func drawCenterMarker(at point: Point, radius: Double, fill: Color) {
        body.append(
            "<circle cx=\"\(f(point.x))\" cy=\"\(f(point.y))\" r=\"\(f(radius))\" fill=\"\(paint(fill))\" stroke=\"#ffffff\" "
                + "stroke-width=\"\(f(radius * 0.5))\"/>")
        body.append(
            "<circle cx=\"\(f(point.x))\" cy=\"\(f(point.y))\" r=\"\(f(radius * 1.25))\" fill=\"none\" stroke=\"\(Color.ink.hexString)\" "
                + "stroke-width=\"\(f(max(1, radius * 0.18)))\"/>")
    }

    public func textWidth(_ text: String, size: Double, bold: Bool) -> Double {
        cairo_select_font_face(
            measuringContext, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
            bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(measuringContext, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(measuringContext, text, &extents)
        return extents.x_advance
    }

    private func textElement(
        _ text: String, x: Double, y: Double, size: Double, color: Color, anchor: TextAnchor, bold: Bool,
        transform: String = ""
    ) -> String {
        let anchorName = anchor == .start ? "start" : anchor == .middle ? "middle" : "end"
        return "<text x=\"\(f(x))\" y=\"\(f(y))\"\(transform) font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"\(f(size))\""
            + (bold ? " font-weight=\"bold\"" : "") + " text-anchor=\"\(anchorName)\" fill=\"\(paint(color))\">\(Self.escape(text))</text>"
    }

    public func drawText(_ text: String, at position: Point, size: Double, color: Color, anchor: TextAnchor, bold: Bool) {
        body.append(textElement(text, x: position.x, y: position.y, size: size, color: color, anchor: anchor, bold: bold))
    }

    public func drawVerticalText(_ text: String, at position: Point, size: Double, color: Color) {
        body.append(
            textElement(
                text, x: 0, y: 0, size: size, color: color, anchor: .middle, bold: false,
                transform: " transform=\"translate(\(f(position.x)),\(f(position.y))) rotate(-90)\""))
    }
}
