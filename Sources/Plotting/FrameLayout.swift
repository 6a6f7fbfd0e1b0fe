/// Where the title, legend and plot panels of a frame go, scaled from a 1200 × 560 design.
public struct FrameLayout: Sendable {
    public let width: Double
    public let height: Double
    /// Plot areas, left to right.
    public let panels: [Rectangle]
    public let margin: Double
    public let titleBaseline: Double
    public let subtitleBaseline: Double
    /// A line of its own for a legend too wide for the title and subtitle lines.
    public let legendBaseline: Double
    public let titleSize: Double
    public let labelSize: Double
    public let markerRadius: Double

    /// Lays out a frame.
    /// - Parameters:
    ///   - width: Canvas width.
    ///   - height: Canvas height.
    ///   - panelCount: 1 or 2.
    public init(width: Double, height: Double, panelCount: Int) {
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
        let top = 92 * unit
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
