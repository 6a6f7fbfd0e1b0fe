import Foundation

/// What each cluster centre looks like through the decoder, g(m_k): for image data a row of images per
/// epoch shown (each pixel a square, so thumbnails stay crisp at any size and in SVG and PDF), otherwise a
/// heat map of the most varying features. Each cluster is framed in its colour from the frames.
public struct DecodedCentresFigure: Sendable {
    /// One row of the figure: a label (e.g. `epoch 0`) and k decoded centres of D values each.
    public struct Row: Sendable {
        public var label: String
        public var centres: [[Float]]
        /// Creates a row.
        public init(label: String, centres: [[Float]]) {
            self.label = label
            self.centres = centres
        }
    }

    public var title: String
    public var rows: [Row]
    /// Height, width and channels (1 or 3) of an image, or nil for tabular data.
    public var imageShape: [Int]?
    /// The colour of each cluster, as in the frames.
    public var clusterColors: [Color]
    /// For tabular data: how many features the heat map shows (those varying most across the last row's centres).
    public var featureCount = 20

    /// Creates a figure.
    public init(title: String, rows: [Row], imageShape: [Int]?, clusterColors: [Color]) {
        self.title = title
        self.rows = rows
        self.imageShape = imageShape
        self.clusterColors = clusterColors
    }

    /// What the heat map's colours measure, under its colour scale.
    public var scaleTitle = "value (in the scaled input's units)"

    /// A good size for the figure, in layout units, given the number of clusters.
    public var preferredSize: (width: Int, height: Int) {
        let k = rows.first?.centres.count ?? 1
        if imageShape != nil { return (max(360, 120 + 100 * k), 62 + 104 * max(rows.count, 1)) }
        // Heat map: one band per row, then the colour scale.
        return (max(420, 140 + 26 * min(featureCount, rows.last?.centres.first?.count ?? 1)), 80 + (22 * k + 30) * max(rows.count, 1) + 36)
    }

    /// Draws the figure.
    public func draw(on canvas: Canvas, width: Double, height: Double) {
        canvas.fillBackground(.white)
        let unit = min(width / Double(preferredSize.width), height / Double(preferredSize.height))
        drawTitle(title, on: canvas, width: width, unit: unit)
        if let shape = imageShape, shape.count >= 2 {
            drawImages(on: canvas, width: width, shape: shape, unit: unit)
        } else {
            drawHeatMap(on: canvas, width: width, height: height, unit: unit)
        }
    }

    private func drawImages(on canvas: Canvas, width: Double, shape: [Int], unit: Double) {
        let h = shape[0], w = shape[1]
        let k = rows.first?.centres.count ?? 0
        let left = 100 * unit, top = 50 * unit
        let cell = min((width - left - 10 * unit) / Double(max(k, 1)), 96 * unit)
        let side = cell - 14 * unit, pixel = side / Double(max(h, w))
        let thumbnail = Thumbnail(shape: shape, values: rows.flatMap { $0.centres.flatMap { $0 } })
        for (r, row) in rows.enumerated() {
            let y0 = top + Double(r) * (cell + 8 * unit)
            canvas.drawText(row.label, at: Point(left - 10 * unit, y0 + side / 2 + 4 * unit), size: 12 * unit, color: .ink, anchor: .end, bold: false)
            for (c, centre) in row.centres.enumerated() {
                let x0 = left + Double(c) * cell
                thumbnail.draw(centre, on: canvas, x: x0, y: y0, pixel: pixel)
                let frameColor = c < clusterColors.count ? clusterColors[c] : .ink
                canvas.strokeRectangle(
                    x: x0 - 1.5 * unit, y: y0 - 1.5 * unit, width: Double(w) * pixel + 3 * unit,
                    height: Double(h) * pixel + 3 * unit, color: frameColor, lineWidth: 3 * unit)
                if r == 0 {
                    canvas.drawText(
                        "\(c)", at: Point(x0 + Double(w) * pixel / 2, top - 8 * unit), size: 11 * unit, color: .mutedInk, anchor: .middle, bold: false
                    )
                }
            }
        }
    }

    private func drawHeatMap(on canvas: Canvas, width: Double, height: Double, unit: Double) {
        guard let last = rows.last, let first = last.centres.first, !first.isEmpty else { return }
        let d = first.count, k = last.centres.count
        // The features whose values differ most between the last row's centres.
        let spreads = (0..<d).map { j -> Double in
            let column = last.centres.map { Double($0[j]) }.filter(\.isFinite)
            guard !column.isEmpty else { return 0 }
            let mean = column.reduce(0, +) / Double(column.count)
            return column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        }
        let features = (0..<d).sorted { (spreads[$0], -$0) > (spreads[$1], -$1) }.prefix(featureCount).sorted()
        let left = 110 * unit, top = 56 * unit
        let cellW = (width - left - 16 * unit) / Double(features.count), cellH = 22 * unit
        let allValues = rows.flatMap { row in row.centres.flatMap { centre in features.map { Double(centre[$0]) } } }.filter(\.isFinite)
        let scale = max(allValues.map(abs).max() ?? 1, 1e-12)
        for (r, row) in rows.enumerated() {
            let y0 = top + Double(r) * (Double(k) * cellH + 30 * unit)
            canvas.drawText(row.label, at: Point(left, y0 - 6 * unit), size: 12 * unit, color: .ink, anchor: .start, bold: true)
            for (c, centre) in row.centres.enumerated() {
                let y = y0 + Double(c) * cellH
                canvas.fillRectangle(
                    x: left - 26 * unit, y: y + 3 * unit, width: 16 * unit, height: cellH - 6 * unit,
                    color: c < clusterColors.count ? clusterColors[c] : .ink)
                canvas.drawText("\(c)", at: Point(left - 32 * unit, y + cellH * 0.7), size: 11 * unit, color: .mutedInk, anchor: .end, bold: false)
                for (column, j) in features.enumerated() {
                    // Diverging colours: blue below zero, white at zero, red above (scaled by the largest |value|).
                    // (A value that overflowed, from a run about to diverge, is drawn grey.)
                    canvas.fillRectangle(
                        x: left + Double(column) * cellW, y: y, width: cellW - 1, height: cellH - 1,
                        color: Self.diverging(Double(centre[j]) / scale))
                }
            }
            if r == rows.count - 1 {
                for (column, j) in features.enumerated() {
                    canvas.drawText(
                        "x\(j)", at: Point(left + (Double(column) + 0.5) * cellW, y0 + Double(k) * cellH + 14 * unit),
                        size: 9 * unit, color: .mutedInk, anchor: .middle, bold: false)
                }
            }
        }
        let below = top + Double(rows.count) * (Double(k) * cellH + 30 * unit) + 8 * unit
        drawColorScale(on: canvas, x: left, y: below, width: min(260 * unit, width - left - 16 * unit), scale: scale, unit: unit)
    }

    /// Blue below zero, white at zero, red above, for `t` in −1…1; grey for a value that overflowed
    /// (from a run about to diverge).
    static func diverging(_ t: Double) -> Color {
        guard t.isFinite else { return Color(hex: 0x999999) }
        let t = min(1, max(-1, t))
        return t >= 0 ? Color(red: 1, green: 1 - 0.8 * t, blue: 1 - 0.8 * t) : Color(red: 1 + 0.8 * t, green: 1 + 0.8 * t, blue: 1)
    }

    /// The heat map's colour scale: a bar from −scale to +scale with its ends and zero labelled.
    private func drawColorScale(on canvas: Canvas, x: Double, y: Double, width: Double, scale: Double, unit: Double) {
        let steps = 40, height = 10 * unit
        let width = min(width, 160 * unit)  // leaves room for the title on the right
        for step in 0..<steps {
            let t = -1 + 2 * (Double(step) + 0.5) / Double(steps)
            canvas.fillRectangle(
                x: x + Double(step) * width / Double(steps), y: y, width: width / Double(steps) + 0.5, height: height,
                color: Self.diverging(t))
        }
        let label = { (value: Double) in String(format: "%.2g", value) }
        canvas.drawText(label(-scale), at: Point(x, y + height + 11 * unit), size: 9 * unit, color: .mutedInk, anchor: .start, bold: false)
        canvas.drawText("0", at: Point(x + width / 2, y + height + 11 * unit), size: 9 * unit, color: .mutedInk, anchor: .middle, bold: false)
        canvas.drawText(label(scale), at: Point(x + width, y + height + 11 * unit), size: 9 * unit, color: .mutedInk, anchor: .end, bold: false)
        canvas.drawText(
            scaleTitle, at: Point(x + width + 8 * unit, y + height * 0.85), size: 9 * unit,
            color: .mutedInk, anchor: .start, bold: false)
    }
}
