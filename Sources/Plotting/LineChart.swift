import Foundation

/// A line chart: several named series over a shared x axis, optional horizontal reference lines,
/// a vertical marker (e.g. where pretraining ends), ticks and a legend.
public struct LineChart: Sendable {
    /// One line.
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var color: Color
        public var dashed: Bool
        /// Half-widths of an error bar at each point (e.g. one standard deviation), or nil.
        public var errors: [Double]?
        /// Whether each point is marked with a disc.
        public var markers = false
        /// Creates a series.
        public init(name: String, points: [(x: Double, y: Double)], color: Color, dashed: Bool = false) {
            self.name = name
            self.points = points
            self.color = color
            self.dashed = dashed
        }
    }

    /// A single observation drawn as a small dot (e.g. one seed's result beside the mean line).
    public struct Dot: Sendable {
        public var x: Double
        public var y: Double
        public var color: Color
        /// Creates a dot.
        public init(x: Double, y: Double, color: Color) {
            self.x = x
            self.y = y
            self.color = color
        }
    }

    /// A horizontal reference line, e.g. a baseline's score.
    public struct Reference: Sendable {
        public var name: String
        public var y: Double
        public var color: Color
        /// Creates a reference line.
        public init(name: String, y: Double, color: Color) {
            self.name = name
            self.y = y
            self.color = color
        }
    }

    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var series: [Series]
    public var references: [Reference] = []
    /// x position of a vertical divider, with its label.
    public var divider: (x: Double, label: String)?
    /// Fixed y range, or nil to fit the data.
    public var yRange: (Double, Double)?
    /// Logarithmic y axis (for losses spanning decades).
    public var logarithmicY = false
    /// Logarithmic x axis (for a setting swept over decades, e.g. λ).
    public var logarithmicX = false
    /// Individual observations drawn as dots.
    public var dots: [Dot] = []
    /// Whether x only takes whole values (epochs): ticks then fall on whole numbers only.
    public var wholeNumberX = false
    /// A shaded span of x with its label (e.g. the epochs in which DCN kept its start's assignments).
    public var span: (from: Double, to: Double, label: String)?

    /// Creates a chart.
    public init(title: String, xTitle: String, yTitle: String, series: [Series]) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
    }

    /// The data window: x over all points; y over points and references (or ``yRange``), padded 5 %.
    public func limits() -> AxisLimits {
        let xs = (series.flatMap { $0.points.map(\.x) } + dots.map(\.x)).map(transformX)
        let bars = series.flatMap { line in
            zip(line.points, line.errors ?? []).flatMap { point, error in [transform(point.y - error), transform(point.y + error)] }
        }
        var ys = series.flatMap { $0.points.map { transform($0.y) } } + references.map { transform($0.y) } + bars + dots.map { transform($0.y) }
        ys = ys.filter(\.isFinite)
        var limits = AxisLimits(xMin: xs.min() ?? 0, xMax: xs.max() ?? 1, yMin: ys.min() ?? 0, yMax: ys.max() ?? 1)
        if let yRange {
            limits.yMin = transform(yRange.0)
            limits.yMax = transform(yRange.1)
        }
        if limits.xMax <= limits.xMin { limits.xMax = limits.xMin + 1 }
        if limits.yMax <= limits.yMin { limits.yMax = limits.yMin + 1 }
        let pad = (limits.yMax - limits.yMin) * 0.05
        if yRange == nil {
            limits.yMin -= pad
            limits.yMax += pad
        }
        if !dots.isEmpty || series.contains(where: { $0.markers }) {
            // Markers and error bars sit on the points: keep the outermost ones off the frame.
            let xPad = (limits.xMax - limits.xMin) * 0.06
            limits.xMin -= xPad
            limits.xMax += xPad
        }
        return limits
    }

    /// Ticks of a log₁₀ axis (positions are log₁₀ of the values): whole decades, or 1, 2 and 5 times
    /// each power of ten when fewer than two decades fit — values whose labels read as numbers.
    public static func logTicks(_ low: Double, _ high: Double) -> [Double] {
        let decades = stride(from: ceil(low), through: floor(high), by: 1).map { $0 }
        if decades.count >= 2 { return decades }
        return stride(from: floor(low), through: ceil(high), by: 1).flatMap { decade in
            [1.0, 2, 5].map { decade + log10($0) }
        }.filter { $0 >= low - 1e-9 && $0 <= high + 1e-9 }
    }

    /// The label of a log-axis tick at position `exponent`: the value, with at most three significant digits.
    public static func logTickLabel(_ exponent: Double) -> String {
        let value = Double(String(format: "%.3g", pow(10, exponent))) ?? pow(10, exponent)
        return String(format: "%g", value)  // 1000 as "1000", not "1e+03"; 10⁶ and beyond in e-notation
    }

    /// Whole-number ticks for an axis of whole values: a nice step of at least 1.
    public static func wholeNumberTicks(_ low: Double, _ high: Double, target: Int) -> [Double] {
        let step = max(1, NiceTicks.step(for: high - low, target: target))
        return stride(from: (low / step).rounded(.up) * step, through: high, by: step).map { $0 }
    }

    func transform(_ y: Double) -> Double { logarithmicY ? log10(max(y, 1e-12)) : y }
    func transformX(_ x: Double) -> Double { logarithmicX ? log10(max(x, 1e-12)) : x }

    /// Draws the chart.
    public func draw(on canvas: Canvas, width: Double, height: Double) {
        let unit = min(width / 640, height / 400)
        let labelSize = 12 * unit
        canvas.fillBackground(.white)
        drawTitle(title, on: canvas, width: width, unit: unit)
        let entries = series.map { ($0.name, $0.color, $0.dashed) } + references.map { ($0.name, $0.color, true) }
        let widest = entries.map { canvas.textWidth($0.0, size: labelSize * 0.95, bold: false) }.max() ?? 0
        let entryWidth = widest + 44 * unit
        let columns = max(1, min(entries.count, Int((width - 80 * unit) / entryWidth)))
        let legendHeight = labelSize * 1.6 * Double((entries.count + columns - 1) / columns)
        let panel = Rectangle(
            x: 64 * unit, y: 44 * unit + legendHeight, width: width - 84 * unit,
            height: height - 96 * unit - legendHeight)
        let limits = self.limits()
        let axes = PanelAxes(panel: panel, limits: limits)
        var xTickLabel: ((Double) -> String)?
        var xTickValues: [Double]?
        if logarithmicX {
            xTickLabel = { Self.logTickLabel($0) }
            xTickValues = Self.logTicks(limits.xMin, limits.xMax)
        } else if wholeNumberX {
            xTickLabel = { String(format: "%.0f", $0) }
            xTickValues = Self.wholeNumberTicks(limits.xMin, limits.xMax, target: max(3, Int(panel.width / (labelSize * 7))))
        }
        let yTickLabel: ((Double) -> String)? = logarithmicY ? { Self.logTickLabel($0) } : nil
        let yTickValues: [Double]? = logarithmicY ? Self.logTicks(limits.yMin, limits.yMax) : nil
        let axisTitles = (x: logarithmicX ? xTitle + " (log scale)" : xTitle, y: logarithmicY ? yTitle + " (log scale)" : yTitle)
        axes.drawFrame(
            on: canvas, title: "", axisTitles: axisTitles, labelSize: labelSize, yTickLabel: yTickLabel,
            yTickValues: yTickValues, xTickLabel: xTickLabel, xTickValues: xTickValues)
        if let span, span.to > span.from {
            let left = axes.map(max(transformX(span.from), limits.xMin), limits.yMax).x
            let right = axes.map(min(transformX(span.to), limits.xMax), limits.yMax).x
            canvas.fillRectangle(
                x: left, y: panel.y, width: max(0, right - left), height: panel.height,
                color: Color.mutedInk.withAlpha(0.12))
            canvas.drawText(
                span.label, at: Point(left + 4 * unit, panel.y + panel.height - labelSize * 0.6), size: labelSize * 0.85,
                color: .mutedInk, anchor: .start, bold: false)
        }
        if let divider {
            let p = axes.map(divider.x, limits.yMax)
            canvas.strokeLine(from: Point(p.x, panel.y), to: Point(p.x, panel.y + panel.height), color: .mutedInk, lineWidth: 1)
            canvas.drawText(
                divider.label, at: Point(p.x + 4 * unit, panel.y + labelSize * 1.2), size: labelSize * 0.85,
                color: .mutedInk, anchor: .start, bold: false)
        }
        for reference in references {
            let y = transform(reference.y)
            canvas.strokePolyline(
                [axes.map(limits.xMin, y), axes.map(limits.xMax, y)], color: reference.color,
                lineWidth: 1.5 * unit, dashed: true)
        }
        let clip = (panel.x, panel.y, panel.width, panel.height)
        for dot in dots {
            canvas.fillDiscs([axes.map(transformX(dot.x), transform(dot.y))], radius: 2.5 * unit, color: dot.color.withAlpha(0.55), clip: clip)
        }
        for line in series {
            let points = line.points.filter { transform($0.y).isFinite }.map { axes.map(transformX($0.x), transform($0.y)) }
            canvas.strokePolyline(points, color: line.color, lineWidth: 2 * unit, dashed: line.dashed)
            for (point, error) in zip(line.points, line.errors ?? []) where error > 0 {
                let x = transformX(point.x), low = axes.map(x, transform(point.y - error)), high = axes.map(x, transform(point.y + error))
                canvas.strokeLine(from: low, to: high, color: line.color, lineWidth: 1.5 * unit)
                for end in [low, high] {
                    canvas.strokeLine(
                        from: Point(end.x - 4 * unit, end.y), to: Point(end.x + 4 * unit, end.y), color: line.color, lineWidth: 1.5 * unit)
                }
            }
            if points.count == 1 || line.markers {
                canvas.fillDiscs(points, radius: 3.5 * unit, color: line.color, clip: clip)
            }
        }
        // Legend above the plot, as many columns as the longest entry allows.
        for (index, entry) in entries.enumerated() {
            let x = 64 * unit + Double(index % columns) * entryWidth
            let y = 44 * unit + Double(index / columns) * labelSize * 1.6 + labelSize * 0.3
            canvas.strokePolyline([Point(x, y), Point(x + 22 * unit, y)], color: entry.1, lineWidth: 2.5 * unit, dashed: entry.2)
            canvas.drawText(
                entry.0, at: Point(x + 28 * unit, y + labelSize * 0.35), size: labelSize * 0.95, color: .ink,
                anchor: .start, bold: false)
        }
    }
}

/// Draws a figure title at the top left, shrinking it to fit the width.
func drawTitle(_ title: String, on canvas: Canvas, width: Double, unit: Double) {
    var size = 15 * unit
    let available = width - 32 * unit
    let natural = canvas.textWidth(title, size: size, bold: true)
    if natural > available { size *= available / natural }
    canvas.drawText(title, at: Point(16 * unit, 26 * unit), size: size, color: .ink, anchor: .start, bold: true)
}
