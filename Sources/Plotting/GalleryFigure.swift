/// A gallery of input images: one row per cluster (or class), groups of thumbnails side by side, e.g. a
/// cluster's members nearest its centre, a random sample, and its least certain members.
public struct GalleryFigure: Sendable {
    /// One row: its label, colour swatch and, per group, the images (nil leaves a slot empty).
    public struct Row: Sendable {
        public var label: String
        public var color: Color
        public var groups: [[[Float]?]]
        /// A short caption under each image, shaped like `groups` (e.g. where a misplaced sample went), or nil.
        public var captions: [[String?]]?
        /// Creates a row.
        public init(label: String, color: Color, groups: [[[Float]?]], captions: [[String?]]? = nil) {
            self.label = label
            self.color = color
            self.groups = groups
            self.captions = captions
        }
    }

    public var title: String
    /// The title above each group of columns.
    public var groupTitles: [String]
    public var rows: [Row]
    /// Height, width (and channels) of each image.
    public var imageShape: [Int]
    /// Layout units per image pixel.
    public var pixel = 2.0

    /// Creates a figure.
    public init(title: String, groupTitles: [String], rows: [Row], imageShape: [Int]) {
        self.title = title
        self.groupTitles = groupTitles
        self.rows = rows
        self.imageShape = imageShape
    }

    private var slots: [Int] { groupTitles.indices.map { g in rows.map { $0.groups.count > g ? $0.groups[g].count : 0 }.max() ?? 0 } }
    /// One image's square plus its margin.
    private var imageCell: Double { Double(max(imageShape[0], imageShape[1])) * pixel + 4 }
    /// Horizontal pitch: the image, or its caption when wider.
    private var cell: Double { max(imageCell, hasCaptions ? 66 : 0) }
    private var hasCaptions: Bool { rows.contains { $0.captions != nil } }
    /// Room under each row's images for their captions.
    private var captionHeight: Double { hasCaptions ? 12 : 0 }

    /// The figure's size in layout units.
    public var preferredSize: (width: Int, height: Int) {
        let columns = slots.reduce(0, +)
        return (Int(90 + Double(columns) * cell + Double(slots.count) * 14), Int(64 + Double(rows.count) * (imageCell + captionHeight)))
    }

    /// Draws the gallery.
    public func draw(on canvas: Canvas, width: Double, height: Double) {
        canvas.fillBackground(.white)
        let unit = min(width / Double(preferredSize.width), height / Double(preferredSize.height))
        drawTitle(title, on: canvas, width: width, unit: unit)
        let thumbnail = Thumbnail(shape: imageShape, values: rows.flatMap { $0.groups.flatMap { $0.compactMap { $0 }.flatMap { $0 } } })
        let cell = self.cell * unit, left = 90 * unit, top = 58 * unit
        var groupLeft = [Double](), x = left
        for count in slots {
            groupLeft.append(x)
            x += Double(count) * cell + 14 * unit
        }
        for (g, title) in groupTitles.enumerated() {
            canvas.drawText(title, at: Point(groupLeft[g], top - 8 * unit), size: 11 * unit, color: .mutedInk, anchor: .start, bold: false)
        }
        for (r, row) in rows.enumerated() {
            let rowHeight = imageCell * unit
            let y = top + Double(r) * (rowHeight + captionHeight * unit)
            canvas.fillRectangle(x: 8 * unit, y: y + rowHeight * 0.25, width: 12 * unit, height: rowHeight * 0.5, color: row.color)
            canvas.drawText(row.label, at: Point(26 * unit, y + rowHeight * 0.6), size: 11 * unit, color: .ink, anchor: .start, bold: false)
            for (g, images) in row.groups.enumerated() where g < groupLeft.count {
                for (slot, image) in images.enumerated() {
                    guard let image else { continue }
                    let imageLeft = groupLeft[g] + Double(slot) * cell + (cell - imageCell * unit) / 2
                    thumbnail.draw(image, on: canvas, x: imageLeft, y: y + 2 * unit, pixel: pixel * unit)
                    if let caption = row.captions?[safe: g]?[safe: slot] ?? nil {
                        canvas.drawText(
                            caption, at: Point(groupLeft[g] + (Double(slot) + 0.5) * cell, y + rowHeight + 7 * unit),
                            size: 9 * unit, color: .mutedInk, anchor: .middle, bold: false)
                    }
                }
            }
        }
    }
}

extension Array {
    /// The element at `index`, or nil outside the array.
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
