public import Plotting
public import PNGEncoding

/// Draws one figure into a file of any format, the one place that chooses a canvas per format:
/// PNG through Cairo's raster surface and our PNG encoder, SVG through ``SVGCanvas`` (text stays
/// `<text>`, so titles remain editable and searchable), PDF through Cairo.
public enum FigureFile {
    /// Draws and writes one figure.
    /// - Parameters:
    ///   - format: PNG, SVG or PDF.
    ///   - path: The file to write (atomically).
    ///   - width: Width in layout units (pixels at scale 1).
    ///   - height: Height in layout units.
    ///   - scale: Pixels per layout unit for PNG; vector formats ignore it.
    ///   - draw: Draws the figure on a canvas of the given layout size.
    /// - Returns: The PNG's pixels and encoding (for animations), or nil for a vector format.
    /// - Throws: ``RenderError`` naming the file.
    @discardableResult
    public static func write(
        _ format: CairoCanvas.Format, to path: String, width: Int, height: Int, scale: Double = 1,
        draw: (Canvas, Double, Double) -> Void
    ) throws -> EncodedImage? {
        let w = Double(width), h = Double(height)
        switch format {
        case .png:
            let canvas = try CairoCanvas(rasterWidth: width, height: height, scale: scale)
            draw(canvas, w, h)
            return try canvas.writePNG(to: path)
        case .svg:
            let svg = SVGCanvas(width: w, height: h)
            draw(svg, w, h)
            try svg.write(to: path)
            return nil
        case .pdf:
            let canvas = try CairoCanvas(vector: .pdf, path: path, width: w, height: h)
            draw(canvas, w, h)
            try canvas.finish()
            return nil
        }
    }
}
