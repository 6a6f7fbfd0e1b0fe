/// Where the title, legend and plot panels of a frame go, scaled from a 1200 × 560 design.
public struct FrameLayout: Sendable {
    public let width: Double
    public let height: Double
    /// Plot areas, left to right.
    public let panels: [Rectangle]
    public let margin: Double
    public let titleBaseline: Double
    public let subtitleBaseline: Double
    /// The first of the rows of its own for a legend too wide for the title and subtitle lines.
    public let legendBaseline: Double
    /// Distance between legend rows.
    public let legendRowHeight: Double
    public let titleSize: Double
    public let labelSize: Double
    public let markerRadius: Double

    /// Lays out a frame.
    /// - Parameters:
    ///   - width: Canvas width.
    ///   - height: Canvas height.
    ///   - panelCount: 1 or 2.
    ///   - legendRows: Rows the legend takes above the panels (``FrameLegend/ownRows``); the panels start
    ///     below the last.
    public init(width: Double, height: Double, panelCount: Int, legendRows: Int = 1) {
        self.width = width
        self.height = height
        let unit = min(width / Double(panelCount == 2 ? 1200 : 640), height / 560)
        margin = 20 * unit
        titleSize = 19 * unit
        labelSize = 12.5 * unit
        markerRadius = 6.5 * unit
        titleBaseline = 30 * unit
        subtitleBaseline = 52 * unit
        legendBaseline = 70 * unit
        legendRowHeight = 1.5 * labelSize
        // Below the last legend row's descent and above the panel titles (which rise 1.5 label sizes).
        let top = legendBaseline + Double(max(legendRows, 1) - 1) * legendRowHeight + 24 * unit
        let bottom = height - 50 * unit
        let left = 62 * unit
        let gap = 70 * unit
        let available = width - left - margin - Double(panelCount - 1) * gap
        let panelWidth = available / Double(panelCount)
        panels = (0..<panelCount).map { i in
            Rectangle(x: left + Double(i) * (panelWidth + gap), y: top, width: panelWidth, height: bottom - top)
        }
    }
}
