import CCairo

/// A decoded PNG, for checking written figures (tests only).
public struct PNGImage: Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// RGB bytes, row after row.
    public let rgb: [UInt8]

    /// Decodes a PNG file with Cairo.
    /// - Parameter path: The file.
    /// - Throws: ``PNGImageError`` when the file is missing or not a PNG.
    public init(contentsOf path: String) throws {
        let surface = cairo_image_surface_create_from_png(path)
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw PNGImageError(path: path, reason: String(cString: cairo_status_to_string(status))) }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        if let data = cairo_image_surface_get_data(surface) {
            for y in 0..<height {
                let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<width {
                    let pixel = row[x]
                    rgb[(y * width + x) * 3] = UInt8((pixel >> 16) & 0xFF)
                    rgb[(y * width + x) * 3 + 1] = UInt8((pixel >> 8) & 0xFF)
                    rgb[(y * width + x) * 3 + 2] = UInt8(pixel & 0xFF)
                }
            }
        }
        self.rgb = rgb
    }

    /// The colour at a pixel as (red, green, blue).
    public func pixel(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        let o = (y * width + x) * 3
        return (rgb[o], rgb[o + 1], rgb[o + 2])
    }
}

/// A PNG that could not be read.
public struct PNGImageError: Error, CustomStringConvertible {
    /// The file.
    public let path: String
    /// Cairo's reason.
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
