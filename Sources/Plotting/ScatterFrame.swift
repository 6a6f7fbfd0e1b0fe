import Foundation

/// One animation frame: the latent space at one epoch, coloured by predicted cluster and, beside it,
/// by ground-truth class, with the cluster centres marked in both panels.
///
/// A plain value: it knows the figure's content and layout and draws itself through a ``Canvas``,
/// so the same frame becomes PNG, SVG or PDF depending only on the canvas.
public struct ScatterFrame: Sendable {
    /// Main title, e.g. `Epoch 12 of 50 · DCN training`.
    public var title: String
    /// Second line, e.g. the metrics.
    public var subtitle: String
    /// x coordinates of the points.
    public var xs: [Float]
    /// y coordinates of the points.
    public var ys: [Float]
    /// Predicted cluster per point.
    public var predicted: [Int32]
    /// Ground-truth class per point, or nil for a single panel.
    public var truth: [Int32]?
    /// All class ids, ascending; class `classIds[j]` is drawn in palette colour `j`.
    public var classIds: [Int32]
    /// Optional display names per class id, e.g. digit names.
    public var classNames: [Int32: String]
    /// Centre positions per cluster.
    public var centers: [(x: Double, y: Double)]
    /// Colours of predicted clusters.
    public var coloring: ClusterColoring
    /// The data window, the same in every frame of a run.
    public var limits: AxisLimits
    /// Axis titles (x, y).
    public var axisTitles: (x: String, y: String) = ("latent dimension 1", "latent dimension 2")

    /// Creates a frame.
    public init(
        title: String, subtitle: String, xs: [Float], ys: [Float], predicted: [Int32], truth: [Int32]?,
        classIds: [Int32], classNames: [Int32: String] = [:], centers: [(x: Double, y: Double)],
        coloring: ClusterColoring, limits: AxisLimits
    ) {
        self.title = title
        self.subtitle = subtitle
        self.xs = xs
        self.ys = ys
        self.predicted = predicted
        self.truth = truth
        self.classIds = classIds
        self.classNames = classNames
        self.centers = centers
        self.coloring = coloring
        self.limits = limits
    }

    /// Draws the frame.
    /// - Parameters:
    ///   - canvas: Where to draw.
    ///   - width: Canvas width in device units.
    ///   - height: Canvas height in device units.
    public func draw(on canvas: Canvas, width: Double, height: Double) {
        var layout = FrameLayout(width: width, height: height, panelCount: truth == nil ? 1 : 2)
        let legend =
            truth == nil
            ? nil
            : FrameLegend(
                names: classIds.map { classNames[$0] ?? "class \($0)" }, title: title, subtitle: subtitle,
                layout: layout, textWidth: canvas.textWidth)
        if let legend, legend.ownRows > 1 {
            layout = FrameLayout(width: width, height: height, panelCount: 2, legendRows: legend.ownRows)
        }
        canvas.fillBackground(.white)
        canvas.drawText(
            title, at: Point(layout.margin, layout.titleBaseline), size: layout.titleSize,
            color: .ink, anchor: .start, bold: true)
        canvas.drawText(
            subtitle, at: Point(layout.margin, layout.subtitleBaseline), size: layout.labelSize,
            color: .mutedInk, anchor: .start, bold: false)
        if let legend { draw(legend, on: canvas, layout: layout) }

        let radius = Self.pointRadius(count: xs.count, panelWidth: layout.panels[0].width)
        let alpha = Self.pointAlpha(count: xs.count)
        let predictedGroups = Dictionary(grouping: predicted.indices, by: { Int(predicted[$0]) })
        let panelTitles = ["Predicted clusters", "Ground truth"]
        for (panelIndex, panel) in layout.panels.enumerated() {
            let axes = PanelAxes(panel: panel, limits: limits)
            axes.drawFrame(on: canvas, title: panelTitles[panelIndex], axisTitles: axisTitles, labelSize: layout.labelSize)
            if panelIndex == 0 {
                for cluster in predictedGroups.keys.sorted() {
                    let points = predictedGroups[cluster]!.map { axes.map(Double(xs[$0]), Double(ys[$0])) }
                    canvas.fillDiscs(
                        points, radius: radius, color: coloring.color(ofCluster: cluster).withAlpha(alpha),
                        clip: panel.tuple)
                }
            } else if let truth {
                let groups = Dictionary(grouping: truth.indices, by: { truth[$0] })
                for (j, classId) in classIds.enumerated() {
                    guard let members = groups[classId] else { continue }
                    let points = members.map { axes.map(Double(xs[$0]), Double(ys[$0])) }
                    canvas.fillDiscs(points, radius: radius, color: Palette.color(j).withAlpha(alpha), clip: panel.tuple)
                }
            }
            for (cluster, center) in centers.enumerated() {
                let p = axes.map(center.x, center.y)
                guard panel.contains(p) else { continue }
                canvas.drawCenterMarker(at: p, radius: layout.markerRadius, fill: coloring.color(ofCluster: cluster))
            }
        }
    }

    /// Draws the class legend where ``FrameLegend`` placed it.
    private func draw(_ legend: FrameLegend, on canvas: Canvas, layout: FrameLayout) {
        let size = legend.size
        for item in legend.items {
            canvas.drawText(item.name, at: Point(item.textX, item.baseline), size: size, color: .ink, anchor: .start, bold: false)
            let marker = Point(item.markerX, item.baseline - size * 0.35)
            if item.isCentre {
                canvas.drawCenterMarker(at: marker, radius: size * 0.4, fill: Color(hex: 0x999999))
            } else {
                canvas.fillDiscs([marker], radius: size * 0.4, color: Palette.color(item.colorIndex), clip: (0, 0, layout.width, layout.height))
            }
        }
    }

    /// Disc radius in device units: large for a few hundred points, small for tens of thousands.
    static func pointRadius(count: Int, panelWidth: Double) -> Double {
        let scale = panelWidth / 500
        return scale * min(3.2, max(0.9, 2.0 * (10_000 / Double(max(count, 1))).squareRoot().squareRoot()))
    }

    /// Disc opacity: overlapping points darken gradually in dense regions.
    static func pointAlpha(count: Int) -> Double {
        count <= 2_000 ? 0.85 : count <= 20_000 ? 0.55 : 0.35
    }
}
