internal import CCairo
import AtomicWrite
import Foundation
public import PNGEncoding
public import Plotting

/// The Cairo backend of ``Canvas``: one class owning a Cairo surface and context, freed in `deinit`.
///
/// Raster canvases draw into an ARGB32 image surface (written as PNG); vector canvases draw into an
/// SVG or PDF surface, where text stays text. Every Cairo status is checked and turned into a
/// ``RenderError``.
public final class CairoCanvas: Canvas {
    /// Output kinds.
    public enum Format: String, Sendable, CaseIterable {
        case png, svg, pdf
    }

    /// Width in device units.
    public let width: Double
    /// Height in device units.
    public let height: Double
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let format: Format
    private let vectorPath: String?
    private let pixelScale: Double

    /// Creates a raster canvas of `width × height` pixels drawn at `scale` (device units are
    /// pixels / scale, so a figure laid out for 1200 × 560 fills 2400 × 1120 pixels at scale 2).
    /// - Parameters:
    ///   - width: Layout width.
    ///   - height: Layout height.
    ///   - scale: Pixels per layout unit.
    /// - Throws: ``RenderError`` when Cairo cannot create the surface.
    public init(rasterWidth width: Int, height: Int, scale: Double = 1) throws {
        let pixelWidth = Int32((Double(width) * scale).rounded()), pixelHeight = Int32((Double(height) * scale).rounded())
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pixelWidth, pixelHeight)
        try Self.check(cairo_surface_status(surface), "creating a \(pixelWidth)×\(pixelHeight) image")
        context = cairo_create(surface)
        self.width = Double(width)
        self.height = Double(height)
        format = .png
        vectorPath = nil
        pixelScale = scale
        try Self.check(cairo_status(context), "creating a drawing context")
        cairo_scale(context, scale, scale)
    }

    /// Creates a vector canvas writing to `path` (SVG or PDF), sized in points.
    /// - Parameters:
    ///   - format: `.svg` or `.pdf`.
    ///   - path: Output file.
    ///   - width: Width in points.
    ///   - height: Height in points.
    /// - Throws: ``RenderError`` when Cairo cannot create the file.
    public init(vector format: Format, path: String, width: Double, height: Double) throws {
        precondition(format != .png, "use init(rasterWidth:height:scale:) for PNG")
        switch format {
        case .svg: surface = cairo_svg_surface_create(path, width, height)
        default: surface = cairo_pdf_surface_create(path, width, height)
        }
        try Self.check(cairo_surface_status(surface), "creating \(path)")
        context = cairo_create(surface)
        self.width = width
        self.height = height
        self.format = format
        vectorPath = path
        pixelScale = 1
        try Self.check(cairo_status(context), "creating a drawing context")
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Writes a raster canvas as a PNG file.
    /// - Parameter path: Output file.
    /// - Returns: The pixels and their encoding (e.g. for an animation), so callers need not convert or compress again.
    /// - Throws: ``RenderError`` naming the file when writing fails.
    @discardableResult
    public func writePNG(to path: String) throws -> EncodedImage {
        precondition(format == .png, "only raster canvases write PNG")
        try Self.check(cairo_status(context), "drawing \(path)")
        let image: EncodedImage
        do {
            image = try encodedImage()
        } catch {
            throw RenderError("\(path): cannot encode PNG (\(error))")
        }
        do { try AtomicFile.write(image.pngFile, to: URL(fileURLWithPath: path)) } catch {
            throw RenderError("\(path): cannot write PNG (\(error.reason))")
        }
        return image
    }

    /// Completes a vector file (SVG or PDF).
    /// - Throws: ``RenderError`` when Cairo reports an error.
    public func finish() throws {
        try Self.check(cairo_status(context), "drawing \(vectorPath ?? "figure")")
        cairo_surface_finish(surface)
        try Self.check(cairo_surface_status(surface), "writing \(vectorPath ?? "figure")")
    }

    /// The raster canvas's pixels and their PNG encoding: the surface is read once, each pixel written
    /// both as RGB and into the PNG's framed scanlines.
    /// - Throws: ``RenderError`` when Cairo reports an error, ``PNGEncoding/PNGEncodingError`` when zlib fails.
    public func encodedImage() throws -> EncodedImage {
        try Self.check(cairo_status(context), "drawing")
        cairo_surface_flush(surface)
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { throw RenderError("the image surface has no pixels") }
        let rowBytes = w * 3
        var framed: [UInt8] = []
        let rgb = [UInt8](unsafeUninitializedCapacity: w * h * 3) { out, initialized in
            framed = [UInt8](unsafeUninitializedCapacity: h * (rowBytes + 1)) { lines, done in
                for y in 0..<h {
                    let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                    var o = y * rowBytes, t = y * (rowBytes + 1)
                    lines[t] = PNGEncoder.noFilter
                    t += 1
                    for x in 0..<w {
                        let pixel = row[x]  // premultiplied ARGB in native byte order; opaque, so plain RGB
                        let r = UInt8(truncatingIfNeeded: pixel >> 16), g = UInt8(truncatingIfNeeded: pixel >> 8)
                        let b = UInt8(truncatingIfNeeded: pixel)
                        out[o] = r
                        out[o + 1] = g
                        out[o + 2] = b
                        lines[t] = r
                        lines[t + 1] = g
                        lines[t + 2] = b
                        o += 3
                        t += 3
                    }
                }
                done = h * (rowBytes + 1)
            }
            initialized = w * h * 3
        }
        return try EncodedImage(rgb: rgb, framedScanlines: framed, width: w, height: h)
    }

    static func check(_ status: cairo_status_t, _ action: String) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError("\(action): \(String(cString: cairo_status_to_string(status)))")
        }
    }

    // MARK: - Canvas

    private func setColor(_ color: Color) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
    }

    public func fillBackground(_ color: Color) {
        setColor(color)
        cairo_paint(context)
    }

    public func fillRectangle(x: Double, y: Double, width: Double, height: Double, color: Color) {
        setColor(color)
        cairo_rectangle(context, x, y, width, height)
        cairo_fill(context)
    }

    public func strokeRectangle(x: Double, y: Double, width: Double, height: Double, color: Color, lineWidth: Double) {
        setColor(color)
        cairo_set_line_width(context, lineWidth)
        cairo_rectangle(context, x + 0.5, y + 0.5, width - 1, height - 1)
        cairo_stroke(context)
    }

    public func strokeLine(from: Point, to: Point, color: Color, lineWidth: Double) {
        strokePolyline([from, to], color: color, lineWidth: lineWidth, dashed: false)
    }

    public func strokePolyline(_ points: [Point], color: Color, lineWidth: Double, dashed: Bool) {
        guard let first = points.first else { return }
        setColor(color)
        cairo_set_line_width(context, lineWidth)
        if dashed {
            let pattern: [Double] = [4 * lineWidth, 3 * lineWidth]
            cairo_set_dash(context, pattern, 2, 0)
        }
        // Snap axis-parallel hairlines to pixel centres so they stay crisp.
        let snap = lineWidth.truncatingRemainder(dividingBy: 2) == 1
        func s(_ v: Double) -> Double { snap ? v.rounded(.down) + 0.5 : v }
        cairo_move_to(context, s(first.x), s(first.y))
        for p in points.dropFirst() { cairo_line_to(context, s(p.x), s(p.y)) }
        cairo_stroke(context)
        if dashed { cairo_set_dash(context, nil, 0, 0) }
    }

    public func fillDiscs(_ centers: [Point], radius: Double, color: Color, clip: (x: Double, y: Double, width: Double, height: Double)) {
        guard !centers.isEmpty else { return }
        if format == .png && centers.count > 64 {
            stampDiscs(centers, radius: radius, color: color, clip: clip)
            return
        }
        cairo_save(context)
        cairo_rectangle(context, clip.x, clip.y, clip.width, clip.height)
        cairo_clip(context)
        setColor(color)
        if format == .pdf && centers.count > 64 {
            // A zero-length stroke with round caps is a disc (PDF 32000-1, 8.5.3.2): 4 numbers per point in the
            // file instead of the 26 of an arc's four Béziers, which made a 20,000-point PDF take 0.4 s to write.
            cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
            cairo_set_line_width(context, 2 * radius)
            for p in centers {
                cairo_move_to(context, p.x, p.y)
                cairo_line_to(context, p.x, p.y)
            }
            cairo_stroke(context)
        } else {
            for p in centers {
                cairo_new_sub_path(context)
                cairo_arc(context, p.x, p.y, radius, 0, 2 * Double.pi)
            }
            cairo_fill(context)
        }
        cairo_restore(context)
    }

    /// Raster fast path for many points: blends an anti-aliased disc stamp straight into the image
    /// (source-over, premultiplied ARGB32), so overlapping translucent points darken as density grows.
    /// Used because one Cairo path per point is far slower for tens of thousands of points (the
    /// rendering benchmark in `dcn-bench` measures frames per second).
    private func stampDiscs(_ centers: [Point], radius: Double, color: Color, clip: (x: Double, y: Double, width: Double, height: Double)) {
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return }
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let r = radius * pixelScale
        let reach = Int(ceil(r + 0.5))
        let side = 2 * reach + 1
        // Coverage of each stamp pixel by a disc centred in the stamp (4 × 4 supersampling).
        var coverage = [Float](repeating: 0, count: side * side)
        for sy in 0..<side {
            for sx in 0..<side {
                var inside = 0
                for oy in 0..<4 {
                    for ox in 0..<4 {
                        let dx = Double(sx - reach) + (Double(ox) + 0.5) / 4 - 0.5
                        let dy = Double(sy - reach) + (Double(oy) + 0.5) / 4 - 0.5
                        if dx * dx + dy * dy <= r * r { inside += 1 }
                    }
                }
                coverage[sy * side + sx] = Float(inside) / 16
            }
        }
        // Integer blending: weight w ∈ 0…256 per stamp pixel, dst = (src·w + dst·(256 − w)) / 256 per channel.
        let alpha = color.alpha
        let source = (
            a: UInt32(255), r: UInt32((color.red * 255).rounded()), g: UInt32((color.green * 255).rounded()),
            b: UInt32((color.blue * 255).rounded())
        )
        var taps: [(dx: Int, dy: Int, weight: UInt32)] = []
        for sy in 0..<side {
            for sx in 0..<side {
                let weight = UInt32((Double(coverage[sy * side + sx]) * alpha * 256).rounded())
                if weight > 0 { taps.append((sx - reach, sy - reach, min(weight, 256))) }
            }
        }
        let xLow = max(0, Int((clip.x * pixelScale).rounded(.up))), yLow = max(0, Int((clip.y * pixelScale).rounded(.up)))
        let xHigh = min(width, Int(((clip.x + clip.width) * pixelScale).rounded(.down)))
        let yHigh = min(height, Int(((clip.y + clip.height) * pixelScale).rounded(.down)))
        for center in centers {
            let cx = Int((center.x * pixelScale).rounded(.down)), cy = Int((center.y * pixelScale).rounded(.down))
            for tap in taps {
                let x = cx + tap.dx, y = cy + tap.dy
                guard x >= xLow && x < xHigh && y >= yLow && y < yHigh else { continue }
                let pointer = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self) + x
                let pixel = pointer.pointee
                let w = tap.weight, keep = 256 - w
                let na = (source.a * w + (pixel >> 24) * keep) >> 8
                let nr = (source.r * w + ((pixel >> 16) & 0xFF) * keep) >> 8
                let ng = (source.g * w + ((pixel >> 8) & 0xFF) * keep) >> 8
                let nb = (source.b * w + (pixel & 0xFF) * keep) >> 8
                pointer.pointee = na << 24 | nr << 16 | ng << 8 | nb
            }
        }
        cairo_surface_mark_dirty(surface)
    }

    public func drawCenterMarker(at point: Point, radius: Double, fill: Color) {
        cairo_new_path(context)
        cairo_arc(context, point.x, point.y, radius, 0, 2 * Double.pi)
        setColor(fill)
        cairo_fill_preserve(context)
        cairo_set_line_width(context, radius * 0.5)
        setColor(.white)
        cairo_stroke(context)
        cairo_arc(context, point.x, point.y, radius * 1.25, 0, 2 * Double.pi)
        cairo_set_line_width(context, max(1, radius * 0.18))
        setColor(.ink)
        cairo_stroke(context)
    }

    private func selectFont(size: Double, bold: Bool) {
        cairo_select_font_face(
            context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
            bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }

    public func textWidth(_ text: String, size: Double, bold: Bool) -> Double {
        selectFont(size: size, bold: bold)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }

    public func drawText(_ text: String, at position: Point, size: Double, color: Color, anchor: TextAnchor, bold: Bool) {
        let width = anchor == .start ? 0 : textWidth(text, size: size, bold: bold)
        selectFont(size: size, bold: bold)
        let x = anchor == .start ? position.x : anchor == .middle ? position.x - width / 2 : position.x - width
        setColor(color)
        cairo_move_to(context, x, position.y)
        cairo_show_text(context, text)
        cairo_new_path(context)
    }

    public func drawVerticalText(_ text: String, at position: Point, size: Double, color: Color) {
        let width = textWidth(text, size: size, bold: false)
        cairo_save(context)
        cairo_translate(context, position.x, position.y)
        cairo_rotate(context, -Double.pi / 2)
        drawText(text, at: Point(-width / 2, 0), size: size, color: color, anchor: .start, bold: false)
        cairo_restore(context)
    }
}

/// Why a figure could not be drawn or written.
public struct RenderError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, naming the file when there is one.
    public let message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
