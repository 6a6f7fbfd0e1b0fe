import CairoRendering
import Plotting
import Testing

/// The frame header (title, subtitle, class legend) never overlaps and never shrinks its text, for any
/// number of classes: measured with Cairo's own text extents.
@Suite("Frame header layout")
struct FrameLegendTests {
    let title = "Epoch 0 · after autoencoder pretraining and the boundary-merge start"
    let subtitle = "NMI 0.627 · ARI 0.512 · ACC 0.701 · loss 1.234 · mnist_5k.csv.gz, N = 5000, λ = 1"

    /// Checks one frame size for every class count in `classes`.
    func check(width: Double, height: Double, classes: ClosedRange<Int>) throws {
        let canvas = try CairoCanvas(rasterWidth: Int(width), height: Int(height))
        for k in classes {
            let base = FrameLayout(width: width, height: height, panelCount: 2)
            let legend = FrameLegend(
                names: (0..<k).map { "class \($0)" }, title: title, subtitle: subtitle, layout: base,
                textWidth: canvas.textWidth)
            let layout = FrameLayout(width: width, height: height, panelCount: 2, legendRows: legend.ownRows)
            let size = legend.size
            #expect(size == layout.labelSize, "\(k) classes: text kept at the label size")
            #expect(legend.items.count == k + 1)
            // Horizontal: every entry (marker to end of text) inside the margins, and no two on a row overlap.
            for item in legend.items {
                #expect(
                    item.markerX - size * 0.4 >= layout.margin - 0.01 && item.textX + item.textWidth <= width - layout.margin + 0.01,
                    "\(k) classes at \(width)×\(height): '\(item.name)' outside the frame")
            }
            let rows = Dictionary(grouping: legend.items, by: \.baseline)
            for row in rows.values {
                let spans = row.map { ($0.markerX - size * 0.4, $0.textX + $0.textWidth) }.sorted { $0.0 < $1.0 }
                for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.1 <= b.0, "\(k) classes: entries overlap") }
            }
            // Vertical: on the title or subtitle line only right of that line's text; on rows of its own,
            // below the subtitle and above the panel titles (which rise 1.5 label sizes above the panels).
            let subtitleEnd = layout.margin + canvas.textWidth(subtitle, size: size, bold: false)
            let titleEnd = layout.margin + canvas.textWidth(title, size: layout.titleSize, bold: true)
            for item in legend.items {
                let left = item.markerX - size * 0.4
                if item.baseline == layout.subtitleBaseline {
                    #expect(left > subtitleEnd, "\(k) classes: legend over the subtitle")
                } else if item.baseline == layout.titleBaseline {
                    #expect(left > titleEnd, "\(k) classes: legend over the title")
                } else {
                    #expect(item.baseline - size * 0.8 >= layout.subtitleBaseline + size * 0.3, "\(k) classes: legend row over the subtitle")
                    #expect(item.baseline + size * 0.3 <= layout.panels[0].y - layout.labelSize * 1.5, "\(k) classes: legend row over the panels")
                }
            }
            #expect(layout.panels[0].height > height / 3, "\(k) classes: the panels keep most of the frame")
        }
    }

    @Test("2–30 classes at the default frame size, 1200 × 560")
    func defaultSize() throws { try check(width: 1200, height: 560, classes: 2...30) }

    @Test("2–12 classes at the smallest frame size, 200 × 150")
    func smallestSize() throws { try check(width: 200, height: 150, classes: 2...12) }

    @Test("many classes wrap to more rows instead of shrinking")
    func manyClassesWrap() throws {
        let canvas = try CairoCanvas(rasterWidth: 1200, height: 560)
        let layout = FrameLayout(width: 1200, height: 560, panelCount: 2)
        let legend = FrameLegend(
            names: (0..<30).map { "class \($0)" }, title: title, subtitle: subtitle, layout: layout,
            textWidth: canvas.textWidth)
        #expect(legend.ownRows >= 2)
    }
}
