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

    /// A good size for the figure, in layout units, given the number of clusters.
    public var preferredSize: (width: Int, height: Int) {
        let k = rows.first?.centres.count ?? 1
        if imageShape != nil { return (max(360, 120 + 100 * k), 62 + 104 * max(rows.count, 1)) }
        return (max(420, 140 + 26 * min(featureCount, rows.last?.centres.first?.count ?? 1)), 80 + (22 * k + 30) * max(rows.count, 1))
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
                canvas.strokeRectangle(x: x0 - 1.5 * unit, y: y0 - 1.5 * unit, width: Double(w) * pixel + 3 * unit,
                                       height: Double(h) * pixel + 3 * unit, color: frameColor, lineWidth: 3 * unit)
                if r == 0 {
                    canvas.drawText("\(c)", at: Point(x0 + Double(w) * pixel / 2, top - 8 * unit), size: 11 * unit, color: .mutedInk, anchor: .middle, bold: false)
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
                canvas.fillRectangle(x: left - 26 * unit, y: y + 3 * unit, width: 16 * unit, height: cellH - 6 * unit,
                                     color: c < clusterColors.count ? clusterColors[c] : .ink)
                canvas.drawText("\(c)", at: Point(left - 32 * unit, y + cellH * 0.7), size: 11 * unit, color: .mutedInk, anchor: .end, bold: false)
                for (column, j) in features.enumerated() {
                    // Diverging colours: blue below zero, white at zero, red above (scaled by the largest |value|).
                    // (A value that overflowed, from a run about to diverge, is drawn grey.)
                    let t = Double(centre[j]) / scale
                    let color = !t.isFinite ? Color(hex: 0x999999)
                        : t >= 0 ? Color(red: 1, green: 1 - 0.8 * t, blue: 1 - 0.8 * t) : Color(red: 1 + 0.8 * t, green: 1 + 0.8 * t, blue: 1)
                    canvas.fillRectangle(x: left + Double(column) * cellW, y: y, width: cellW - 1, height: cellH - 1, color: color)
                }
            }
            if r == rows.count - 1 {
                for (column, j) in features.enumerated() {
                    canvas.drawText("x\(j)", at: Point(left + (Double(column) + 0.5) * cellW, y0 + Double(k) * cellH + 14 * unit),
                                    size: 9 * unit, color: .mutedInk, anchor: .middle, bold: false)
                }
            }
        }
    }
}
