import Animation
import CGIF
import CairoRendering
import Scoring
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Plotting
import TestSupport
import Testing

@Suite("Figure model")
struct FigureModelTests {
    @Test("nice ticks use steps of 1, 2 or 5 × 10ⁿ and stay inside the range")
    func niceTicks() {
        #expect(NiceTicks.ticks(lower: 0, upper: 10, target: 5) == [0, 2, 4, 6, 8, 10])
        #expect(NiceTicks.ticks(lower: -0.13, upper: 0.92, target: 5) == [0, 0.2, 0.4, 0.6, 0.8])
        #expect(NiceTicks.ticks(lower: -7.5, upper: 2.2, target: 4) == [-6, -4, -2, 0, 2])
        #expect(NiceTicks.labels([0, 0.2, 0.4]) == ["0.0", "0.2", "0.4"])
        #expect(NiceTicks.labels([-10, 0, 10]) == ["-10", "0", "10"])
    }

    @Test("axis limits are the padded union over frames and ignore a single far outlier")
    func axisLimitUnion() {
        let steps = (0...100).map { Float($0) }, zeros = [Float](repeating: 0, count: 101)
        let a = (xs: steps.map { $0 / 100 }, ys: zeros), b = (xs: zeros, ys: steps.map { $0 / 50 })
        let limits = AxisLimits.union(of: [a, b], trim: 0, padding: 0)
        #expect(limits == AxisLimits(xMin: 0, xMax: 1, yMin: 0, yMax: 2))
        let ramp = (0..<1000).map { Float($0) / 1000 } + [1_000]
        let robust = AxisLimits.union(of: [(xs: ramp, ys: ramp)], trim: 0.002, padding: 0.05)
        #expect(robust.xMax < 2)
    }

    @Test("the trimmed limits are the sorted coordinates' quantiles, for any order and with ties")
    func axisLimitQuantiles() {
        var generator = SystemRandomNumberGenerator()
        for count in [1, 2, 3, 7, 500, 10_001] {
            // Few distinct values, so ties are common; shuffled so the order is arbitrary.
            let xs = (0..<count).map { _ in Float(Int.random(in: -20...20, using: &generator)) / 4 }
            let ys = (0..<count).map { _ in Float.random(in: -1e3...1e3, using: &generator) }
            let limits = AxisLimits.union(of: [(xs: xs, ys: ys)], trim: 0.01, padding: 0)
            func quantile(_ values: [Float], _ q: Double) -> Double {
                let sorted = values.sorted()
                return Double(sorted[Int((q * Double(count - 1)).rounded())])
            }
            let expected = (xMin: quantile(xs, 0.01), xMax: quantile(xs, 0.99), yMin: quantile(ys, 0.01), yMax: quantile(ys, 0.99))
            // Padding 0 still widens a zero span; compare only where the span is positive.
            if expected.xMax > expected.xMin { #expect(limits.xMin == expected.xMin && limits.xMax == expected.xMax, "count \(count)") }
            if expected.yMax > expected.yMin { #expect(limits.yMin == expected.yMin && limits.yMax == expected.yMax, "count \(count)") }
        }
    }

    @Test("equal aspect widens one axis so a data unit has the same length on both")
    func equalAspect() {
        let limits = AxisLimits(xMin: 0, xMax: 10, yMin: 0, yMax: 2).equalAspect(panelWidth: 500, panelHeight: 250)
        #expect(limits.xMin == 0 && limits.xMax == 10)
        #expect(abs((limits.yMax - limits.yMin) - 5) < 1e-9 && abs((limits.yMax + limits.yMin) / 2 - 1) < 1e-9)
    }

    @Test("cluster colours follow the matched class and stay stable when cluster ids are permuted")
    func stableColours() {
        let labels: [Int32] = [0, 0, 1, 1, 2, 2]
        let frame1 = ClusterColoring(assignments: [0, 0, 1, 1, 2, 2], labels: labels, classIds: [0, 1, 2], clusterCount: 3)
        let frame2 = ClusterColoring(assignments: [2, 2, 0, 0, 1, 1], labels: labels, classIds: [0, 1, 2], clusterCount: 3)
        #expect(frame1.paletteIndex == [0, 1, 2])
        #expect(frame2.paletteIndex == [1, 2, 0])
        // The points of class 0 get the same colour in both frames.
        #expect(frame1.color(ofCluster: 0) == frame2.color(ofCluster: 2))
    }

    @Test("more clusters than classes: unmatched clusters get unused colours")
    func unmatchedClusters() {
        let coloring = ClusterColoring(assignments: [0, 1, 2, 3], labels: [0, 0, 1, 1], classIds: [0, 1], clusterCount: 4)
        #expect(Set(coloring.paletteIndex).count == 4)
    }

    @Test("two clusters of one class: the second is not painted as a class it barely holds")
    func noMisleadingColour() {
        // Classes 0, 1, 2; clusters 0 and 1 both hold mostly class 1, cluster 2 holds class 0 and the 2s.
        let labels: [Int32] = [1, 1, 1, 2, 1, 1, 1, 0, 0, 0, 2, 2]
        let assignments: [Int32] = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2]
        let coloring = ClusterColoring(assignments: assignments, labels: labels, classIds: [0, 1, 2], clusterCount: 3)
        #expect(coloring.paletteIndex[2] == 0, "cluster 2 holds mostly class 0")
        #expect(Set([coloring.paletteIndex[0], coloring.paletteIndex[1]]).contains(1), "one of the 1-clusters is class one's colour")
        #expect(!coloring.paletteIndex.contains(2), "no cluster is painted as class 2, which none holds most of")
        #expect(Set(coloring.paletteIndex).count == 3, "the clusters stay distinguishable")
    }

    @Test("the palette gives distinct colours beyond its colour-blind-safe base")
    func paletteSize() {
        let colours = (0..<20).map { Palette.color($0).hexString }
        #expect(Set(colours).count == 20)
        #expect(Palette.base.count == 10)
    }
}

@Suite("Cairo output")
struct CairoOutputTests {
    func frame(points: Int = 400) -> ScatterFrame {
        let (data, labels) = separableBlobs(blobs: 3, perBlob: points / 3, dimensions: 2, separation: 10)
        let coloring = ClusterColoring(assignments: labels, labels: labels, classIds: [0, 1, 2], clusterCount: 3)
        return ScatterFrame(
            title: "Epoch 3 of 5 · DCN training", subtitle: "NMI 1.000", xs: (0..<data.rows).map { data[$0, 0] },
            ys: (0..<data.rows).map { data[$0, 1] }, predicted: labels, truth: labels, classIds: [0, 1, 2],
            centers: [(10, 0), (0, 10), (20, 0)], coloring: coloring,
            limits: AxisLimits(xMin: -5, xMax: 35, yMin: -5, yMax: 15))
    }

    @Test("a PNG frame decodes at the requested size with a white background and coloured points")
    func pngFrame() throws {
        let folder = temporaryDirectory()
        let canvas = try CairoCanvas(rasterWidth: 900, height: 420)
        frame().draw(on: canvas, width: 900, height: 420)
        let path = folder.appendingPathComponent("frame.png").path
        try canvas.writePNG(to: path)
        let image = try PNGImage(contentsOf: path)
        #expect(image.width == 900 && image.height == 420)
        #expect(image.pixel(x: 2, y: 2) == (255, 255, 255))
        // Class 0's blob centre (10, 0) lies inside the left panel; its pixel must be bluish (palette 0 is #0072B2).
        let layout = FrameLayout(width: 900, height: 420, panelCount: 2)
        let axes = PanelAxes(panel: layout.panels[0], limits: AxisLimits(xMin: -5, xMax: 35, yMin: -5, yMax: 15))
        let p = axes.map(10.8, 0.8)
        var blueish = 0
        for dx in -6...6 {
            for dy in -6...6 {
                let (r, g, b) = image.pixel(x: Int(p.x) + dx, y: Int(p.y) + dy)
                if Int(b) > Int(r) + 40 && b > g { blueish += 1 }
            }
        }
        #expect(blueish > 20)
    }

    @Test("a scaled PNG has scale × the pixels")
    func scaledPNG() throws {
        let canvas = try CairoCanvas(rasterWidth: 300, height: 140, scale: 2)
        frame(points: 30).draw(on: canvas, width: 300, height: 140)
        let path = temporaryDirectory().appendingPathComponent("f.png").path
        try canvas.writePNG(to: path)
        let image = try PNGImage(contentsOf: path)
        #expect(image.width == 600 && image.height == 280)
    }

    @Test("writing a PNG into a missing folder is an error naming the file")
    func unwritablePNG() throws {
        let canvas = try CairoCanvas(rasterWidth: 100, height: 100)
        #expect(throws: RenderError.self) { try canvas.writePNG(to: "/no/such/folder/x.png") }
    }

    @Test("SVG output parses as XML and holds the title as a text element")
    func svgOutput() throws {
        let path = temporaryDirectory().appendingPathComponent("frame.svg").path
        let svg = SVGCanvas(width: 600, height: 280)
        var f = frame(points: 60)
        f.title = "Epoch 3 of 5 <DCN> & \"friends\""
        f.draw(on: svg, width: 600, height: 280)
        try svg.write(to: path)
        let document = try XMLDocument(data: Data(contentsOf: URL(fileURLWithPath: path)))
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("Epoch 3 of 5 <DCN> & \"friends\""))
        #expect(texts.contains("Predicted clusters"))
        let circles = try document.nodes(forXPath: "//*[local-name()='circle']")
        #expect(circles.count >= 60)
    }

    @Test("a chart's shaded span is drawn with its label only when one is set, and epoch ticks are whole numbers")
    func spanAndWholeNumberTicks() throws {
        func texts(_ chart: LineChart) throws -> [String] {
            let path = temporaryDirectory().appendingPathComponent("chart.svg").path
            let svg = SVGCanvas(width: 640, height: 400)
            chart.draw(on: svg, width: 640, height: 400)
            try svg.write(to: path)
            let document = try XMLDocument(data: Data(contentsOf: URL(fileURLWithPath: path)))
            return try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        }
        var chart = LineChart(
            title: "NMI", xTitle: "epoch", yTitle: "NMI",
            series: [.init(name: "NMI", points: [(0, 0.5), (1, 0.5), (2, 0.6)], color: Palette.color(0))])
        chart.wholeNumberX = true
        #expect(try !texts(chart).contains("start's assignments kept"))
        #expect(try !texts(chart).contains("0.5"), "no fractional epoch tick on a 3-epoch axis")
        chart.span = (0.5, 1.5, "start's assignments kept")
        #expect(try texts(chart).contains("start's assignments kept"))
    }

    @Test("PDF output starts with %PDF and its text is extractable")
    func pdfOutput() throws {
        let path = temporaryDirectory().appendingPathComponent("frame.pdf").path
        let canvas = try CairoCanvas(vector: .pdf, path: path, width: 600, height: 280)
        frame(points: 60).draw(on: canvas, width: 600, height: 280)
        try canvas.finish()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.starts(with: Array("%PDF".utf8)))
        #expect(String(decoding: data, as: UTF8.self).contains("/FontFile"), "fonts are embedded")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            Issue.record("pdftotext (poppler-utils) is needed to check PDF text; `make test` installs it")
            return
        }
        let result = try runProcess("/usr/bin/pdftotext", [path, "-"])
        #expect(result.output.contains("Epoch 3 of 5"))
        #expect(result.output.contains("Ground truth"))
    }

    @Test("an animated GIF has one frame per input, loops, and decodes with giflib")
    func gifAnimation() throws {
        var frames = AnimationFrames(width: 300, height: 140)
        for epoch in 0..<4 {
            let canvas = try CairoCanvas(rasterWidth: 300, height: 140)
            var f = frame(points: 60)
            f.title = "Epoch \(epoch)"
            f.draw(on: canvas, width: 300, height: 140)
            frames.append(rgb: try canvas.encodedImage().rgb)
        }
        let url = temporaryDirectory().appendingPathComponent("a.gif")
        try GIFWriter.write(frames, to: url.path, delay: 0.2, lastFrameDelay: 1.5)
        let info = try GIFInfo(contentsOf: url)
        #expect(info.frameCount == 4)
        #expect(info.width == 300 && info.height == 140)
        #expect(info.delays == [20, 20, 20, 150])
        #expect(info.loops)
        var error: Int32 = 0
        let gif = DGifOpenFileName(url.path, &error)
        #expect(gif != nil)
        if let gif {
            #expect(DGifSlurp(gif) == GIF_OK)
            #expect(gif.pointee.ImageCount == 4)
            DGifCloseFile(gif, &error)
        }
    }
}
