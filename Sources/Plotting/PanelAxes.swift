/// Maps data coordinates into a panel and draws its frame, grid, ticks and titles.
public struct PanelAxes: Sendable {
    /// The plot area.
    public let panel: Rectangle
    /// The data window shown.
    public let limits: AxisLimits

    /// Creates the mapping.
    public init(panel: Rectangle, limits: AxisLimits) {
        self.panel = panel
        self.limits = limits
    }

    /// Device position of a data point (y grows upwards in data, downwards on the canvas).
    public func map(_ x: Double, _ y: Double) -> Point {
        Point(
            panel.x + (x - limits.xMin) / (limits.xMax - limits.xMin) * panel.width,
            panel.y + panel.height - (y - limits.yMin) / (limits.yMax - limits.yMin) * panel.height)
    }

    /// Draws grid, ticks, tick labels, the panel border and the titles.
    func drawFrame(
        on canvas: Canvas, title: String, axisTitles: (x: String, y: String), labelSize: Double,
        yTickLabel: ((Double) -> String)? = nil, xTicks showXTicks: Bool = true, yTickValues: [Double]? = nil,
        xTickLabel: ((Double) -> String)? = nil, xTickValues: [Double]? = nil
    ) {
        canvas.fillRectangle(x: panel.x, y: panel.y, width: panel.width, height: panel.height, color: Color(hex: 0xFBFBFB))
        let xTicks = xTickValues ?? NiceTicks.ticks(lower: limits.xMin, upper: limits.xMax, target: max(3, Int(panel.width / (labelSize * 7))))
        let yTicks = yTickValues ?? NiceTicks.ticks(lower: limits.yMin, upper: limits.yMax, target: max(3, Int(panel.height / (labelSize * 4))))
        let tickLength = labelSize * 0.35
        let xLabels = xTickLabel.map { format in xTicks.map(format) } ?? NiceTicks.labels(xTicks)
        for (tick, label) in zip(xTicks, xLabels) where showXTicks {
            let p = map(tick, limits.yMin)
            canvas.strokeLine(from: Point(p.x, panel.y), to: Point(p.x, panel.y + panel.height), color: .grid, lineWidth: 1)
            canvas.strokeLine(from: Point(p.x, p.y), to: Point(p.x, p.y + tickLength), color: .ink, lineWidth: 1)
            canvas.drawText(
                label, at: Point(p.x, p.y + tickLength + labelSize * 1.1), size: labelSize * 0.9,
                color: .mutedInk, anchor: .middle, bold: false)
        }
        let yLabels = yTickLabel.map { format in yTicks.map(format) } ?? NiceTicks.labels(yTicks)
        for (tick, label) in zip(yTicks, yLabels) {
            let p = map(limits.xMin, tick)
            canvas.strokeLine(from: Point(panel.x, p.y), to: Point(panel.x + panel.width, p.y), color: .grid, lineWidth: 1)
            canvas.strokeLine(from: Point(p.x - tickLength, p.y), to: Point(p.x, p.y), color: .ink, lineWidth: 1)
            canvas.drawText(
                label, at: Point(p.x - tickLength - labelSize * 0.3, p.y + labelSize * 0.32), size: labelSize * 0.9,
                color: .mutedInk, anchor: .end, bold: false)
        }
        canvas.strokeRectangle(x: panel.x, y: panel.y, width: panel.width, height: panel.height, color: Color(hex: 0x999999), lineWidth: 1)
        if !title.isEmpty {
            canvas.drawText(
                title, at: Point(panel.x, panel.y - labelSize * 0.6), size: labelSize * 1.1, color: .ink,
                anchor: .start, bold: true)
        }
        canvas.drawText(
            axisTitles.x, at: Point(panel.x + panel.width / 2, panel.y + panel.height + labelSize * 3.2),
            size: labelSize * 0.9, color: .mutedInk, anchor: .middle, bold: false)
        canvas.drawVerticalText(
            axisTitles.y, at: Point(panel.x - labelSize * 3.6, panel.y + panel.height / 2),
            size: labelSize * 0.9, color: .mutedInk)
    }
}
