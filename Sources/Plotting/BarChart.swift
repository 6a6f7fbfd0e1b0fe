/// Vertical bars with labels, e.g. the number of samples per cluster.
public struct BarChart: Sendable {
    public var title: String
    public var labels: [String]
    public var values: [Double]
    public var colors: [Color]
    public var yTitle: String

    /// Creates a bar chart.
    public init(title: String, labels: [String], values: [Double], colors: [Color], yTitle: String) {
        self.title = title
        self.labels = labels
        self.values = values
        self.colors = colors
        self.yTitle = yTitle
    }

    /// Draws the bars on a zero-based axis.
    public func draw(on canvas: Canvas, width: Double, height: Double) {
        let unit = min(width / 520, height / 360)
        let labelSize = 12 * unit
        canvas.fillBackground(.white)
        drawTitle(title, on: canvas, width: width, unit: unit)
        let panel = Rectangle(x: 70 * unit, y: 50 * unit, width: width - 90 * unit, height: height - 100 * unit)
        let top = max(values.max() ?? 1, 1) * 1.08
        let axes = PanelAxes(panel: panel, limits: AxisLimits(xMin: 0, xMax: Double(max(values.count, 1)), yMin: 0, yMax: top))
        axes.drawFrame(on: canvas, title: "", axisTitles: ("", yTitle), labelSize: labelSize, xTicks: false)
        let slot = panel.width / Double(max(values.count, 1))
        for (i, value) in values.enumerated() {
            let base = axes.map(Double(i), 0), peak = axes.map(Double(i), value)
            canvas.fillRectangle(
                x: base.x + slot * 0.15, y: peak.y, width: slot * 0.7, height: base.y - peak.y,
                color: colors[i % max(colors.count, 1)])
            canvas.drawText(
                labels[i], at: Point(base.x + slot / 2, base.y + labelSize * 1.3), size: labelSize,
                color: .ink, anchor: .middle, bold: false)
        }
    }
}
