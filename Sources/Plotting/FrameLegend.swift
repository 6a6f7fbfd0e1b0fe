/// Where a frame's class legend goes, for any number of classes: right-aligned on the subtitle line or
/// the title line when it fits there, else on rows of its own between the subtitle and the panels,
/// wrapped to as many rows as the names need. Text is always the frame's label size: never shrunk,
/// never overlapping the titles or the panels (PlottingTests measures this for 2–30 classes).
public struct FrameLegend: Sendable {
    /// One entry: a marker and its name.
    public struct Item: Sendable {
        public let name: String
        /// Where the name's text starts.
        public let textX: Double
        /// The marker's centre.
        public let markerX: Double
        public let baseline: Double
        /// The text's width at ``FrameLegend/size``.
        public let textWidth: Double
        /// Whether this is the "cluster centre" entry (drawn with the centre marker).
        public let isCentre: Bool
        /// The class's palette index (unused for the centre entry).
        public let colorIndex: Int
    }

    public let items: [Item]
    public let size: Double
    /// Rows of its own the legend takes (0 when it sits on the title or subtitle line).
    public let ownRows: Int

    /// Space between a marker's centre and its text, and the horizontal room a whole entry takes besides
    /// its text, in label sizes.
    static let markerGap = 0.9, entryPadding = 2.3

    /// Lays out the legend.
    /// - Parameters:
    ///   - names: Class names in palette order; "cluster centre" is added last.
    ///   - title: The frame's title, drawn at the title size, bold.
    ///   - subtitle: The frame's subtitle, drawn at the label size.
    ///   - layout: The frame's layout with one legend row.
    ///   - textWidth: The canvas's text measure (text, size, bold) → width.
    public init(names: [String], title: String, subtitle: String, layout: FrameLayout, textWidth: (String, Double, Bool) -> Double) {
        let size = layout.labelSize
        let entries = names + ["cluster centre"]
        let widths = entries.map { textWidth($0, size, false) }
        let entryWidths = widths.map { $0 + size * Self.entryPadding }
        let total = entryWidths.reduce(0, +)
        let right = layout.width - layout.margin
        let subtitleEnd = layout.margin + textWidth(subtitle, size, false) + size * 2
        let titleEnd = layout.margin + textWidth(title, layout.titleSize, true) + size * 2
        var rows: [[Int]], baselines: [Double]
        if right - total >= subtitleEnd {
            (rows, baselines) = ([Array(entries.indices)], [layout.subtitleBaseline])
        } else if right - total >= titleEnd {
            (rows, baselines) = ([Array(entries.indices)], [layout.titleBaseline])
        } else {
            // Greedy rows over the whole width, in palette order.
            rows = [[]]
            var used = 0.0
            for index in entries.indices {
                if !rows[rows.count - 1].isEmpty && used + entryWidths[index] > right - layout.margin {
                    rows.append([])
                    used = 0
                }
                rows[rows.count - 1].append(index)
                used += entryWidths[index]
            }
            baselines = rows.indices.map { layout.legendBaseline + Double($0) * layout.legendRowHeight }
        }
        var items: [Item] = []
        for (row, baseline) in zip(rows, baselines) {
            var x = right
            for index in row.reversed() {
                x -= widths[index]
                let isCentre = index == entries.count - 1
                items.append(
                    Item(
                        name: entries[index], textX: x, markerX: x - size * (isCentre ? 1.0 : Self.markerGap), baseline: baseline,
                        textWidth: widths[index], isCentre: isCentre, colorIndex: index))
                x -= size * Self.entryPadding
            }
        }
        self.items = items
        self.size = size
        ownRows = baselines.first == layout.legendBaseline ? rows.count : 0
    }
}
