/// Draws one image sample as squares, one per pixel (nearest-neighbour at any size, crisp in PNG, SVG and PDF).
struct Thumbnail {
    /// Height, width and channels (1 or 3).
    let shape: [Int]
    /// Values mapped to black…white (or 0…1 per channel): `low` and below is 0, `high` and above is 1.
    let low: Double, high: Double

    /// Grey levels spanning the 0.5 % and 99.5 % quantiles of `values`, so one extreme pixel does not wash
    /// out every image.
    init(shape: [Int], values: [Float]) {
        self.shape = shape
        let sorted = values.filter(\.isFinite).sorted()
        low = sorted.isEmpty ? 0 : Double(sorted[Int(Double(sorted.count - 1) * 0.005)])
        high = sorted.isEmpty ? 1 : Double(sorted[Int(Double(sorted.count - 1) * 0.995)])
    }

    /// Draws `image` with its top-left corner at (`x`, `y`), each pixel `pixel` units wide.
    func draw(_ image: [Float], on canvas: Canvas, x: Double, y: Double, pixel: Double) {
        let h = shape[0], w = shape[1], channels = shape.count > 2 ? shape[2] : 1
        let span = high > low ? high - low : 1
        func level(_ v: Float) -> Double { v.isFinite ? min(max((Double(v) - low) / span, 0), 1) : 0.5 }
        for py in 0..<h {
            for px in 0..<w {
                let base = (py * w + px) * channels
                guard base + channels - 1 < image.count else { continue }
                let color =
                    channels >= 3
                    ? Color(red: level(image[base]), green: level(image[base + 1]), blue: level(image[base + 2]))
                    : Color(red: level(image[base]), green: level(image[base]), blue: level(image[base]))
                // Each square overlaps the next by a little, so anti-aliasing leaves no seams between pixels.
                let overlap = min(0.6, pixel / 3)
                canvas.fillRectangle(
                    x: x + Double(px) * pixel, y: y + Double(py) * pixel,
                    width: pixel + (px < w - 1 ? overlap : 0), height: pixel + (py < h - 1 ? overlap : 0), color: color)
            }
        }
    }
}
