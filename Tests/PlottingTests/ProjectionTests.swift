import Animation
import CairoRendering
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Plotting
import TestSupport
import Testing

@Suite("Projection, subsampling, charts and APNG")
struct ProjectionTests {
    @Test("PCA finds the direction of largest variance and reports explained variance")
    func pcaOnKnownData() {
        // Points spread 10× more along (1, 1, 0)/√2 than along (0, 0, 1); none along (1, −1, 0).
        var codes: [Float] = []
        for i in 0..<200 {
            let a = Float(i % 20) - 9.5, b = Float(i / 20) - 4.5
            let along: Float = a * 10 / Float(2).squareRoot()
            codes.append(along)
            codes.append(along)
            codes.append(b)
        }
        let projection = Projection.pca(codes: codes, rows: 200, dimensions: 3)
        #expect(abs(projection.axes[0][0] - 0.7071) < 1e-3 && abs(projection.axes[0][1] - 0.7071) < 1e-3)
        #expect(abs(abs(projection.axes[1][2]) - 1) < 1e-3)
        let explained = projection.explainedVariance!
        #expect(explained[0] > 0.95 && explained[0] + explained[1] > 0.999)
        #expect(projection.axisTitles.x.hasPrefix("PC 1 ("))
        #expect(Projection.pca(codes: [1, 2, 3, 4], rows: 2, dimensions: 2).explainedVariance == nil)
    }

    @Test("a stratified subsample keeps every class's share and is deterministic")
    func stratifiedSubsample() {
        let labels = (0..<10_000).map { Int32($0 < 8_000 ? 0 : 1) }
        let a = Subsample.indices(labels: labels, count: 10_000, cap: 1_000)
        #expect(a == Subsample.indices(labels: labels, count: 10_000, cap: 1_000))
        #expect(a.count == 1_000)
        #expect(a.filter { labels[$0] == 1 }.count == 200)
        #expect(Subsample.indices(labels: labels, count: 10_000, cap: 20_000).count == 10_000)
    }

    @Test("log-axis ticks fall on whole decades, or on 1, 2 and 5 × 10ⁿ within less than two decades, labelled as plain numbers")
    func logTicks() {
        #expect(LineChart.logTicks(-1.3, 1.7) == [-1, 0, 1])
        let narrow = LineChart.logTicks(-0.5, 0.9)  // 0.316 … 7.94
        #expect(narrow.map(LineChart.logTickLabel) == ["0.5", "1", "2", "5"])
        #expect(LineChart.logTickLabel(-1) == "0.1" && LineChart.logTickLabel(3) == "1000")
    }

    @Test("an epoch axis gets whole-number ticks only, however short the run")
    func wholeNumberTicks() {
        #expect(LineChart.wholeNumberTicks(0, 2, target: 6) == [0, 1, 2])
        #expect(LineChart.wholeNumberTicks(-49, 50, target: 5).allSatisfy { $0 == $0.rounded() })
        #expect(LineChart.wholeNumberTicks(0.5, 3.5, target: 6) == [1, 2, 3])
    }

    @Test("an APNG has one fcTL per frame, loops, and decodes as a PNG of the right size")
    func apng() throws {
        let url = temporaryDirectory().appendingPathComponent("a.png")
        let writer = try APNGWriter(path: url.path, width: 40, height: 30, frameCount: 3)
        for shade in [0, 128, 255] {
            try writer.append(rgb: [UInt8](repeating: UInt8(shade), count: 40 * 30 * 3), delay: 0.2)
        }
        try writer.finish()
        let bytes = [UInt8](try Data(contentsOf: url))
        func count(_ type: String) -> Int {
            let pattern = Array(type.utf8)
            return (0..<(bytes.count - 4)).filter { Array(bytes[$0..<($0 + 4)]) == pattern }.count
        }
        #expect(count("acTL") == 1 && count("fcTL") == 3 && count("fdAT") == 2 && count("IDAT") == 1)
        let first = try PNGImage(contentsOf: url.path)
        #expect(first.width == 40 && first.height == 30)
        #expect(first.pixel(x: 5, y: 5) == (0, 0, 0))
    }

    @Test("charts render to PNG, SVG and PDF through the product's writers, the title as text in SVG and PDF")
    func charts() throws {
        var chart = LineChart(
            title: "Losses per sample", xTitle: "epoch", yTitle: "loss",
            series: [
                .init(name: "total", points: [(0, 3), (1, 1), (2, 0.5)], color: Palette.color(0))
            ])
        chart.logarithmicY = true
        let folder = temporaryDirectory()
        func path(_ format: CairoCanvas.Format) -> String { folder.appendingPathComponent("c." + format.rawValue).path }
        for format in CairoCanvas.Format.allCases {
            try FigureFile.write(format, to: path(format), width: 640, height: 400, scale: 1.5) { chart.draw(on: $0, width: $1, height: $2) }
        }
        let png = try PNGImage(contentsOf: path(.png))
        #expect(png.width == 960 && png.height == 600)
        // The SVG is our own writer's: well-formed XML with the title and axis titles as <text>.
        let document = try XMLDocument(data: Data(contentsOf: URL(fileURLWithPath: path(.svg))))
        #expect(document.rootElement()?.localName == "svg")
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("Losses per sample"))
        #expect(texts.contains("epoch"))
        let pdf = try Data(contentsOf: URL(fileURLWithPath: path(.pdf)))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        let extracted = try runProcess("/usr/bin/pdftotext", [path(.pdf), "-"])
        #expect(extracted.output.contains("Losses per sample"))
        let confusion = ConfusionMatrixFigure(title: "Confusion", predicted: [1, 1, 0, 0], truth: [0, 0, 1, 1], clusterCount: 2)
        #expect(confusion.clusterIds == [1, 0])
        #expect(confusion.counts == [[2, 0], [0, 2]])
    }

    @Test("gallery thumbnails decode to the input pixels: each image pixel is a crisp square of its grey level")
    func galleryPixels() throws {
        // A 4 × 4 image, black but for one white pixel at row 1, column 2, and its negative.
        var image = [Float](repeating: 0, count: 16)
        image[1 * 4 + 2] = 255
        let negative = image.map { 255 - $0 }
        var figure = GalleryFigure(
            title: "t", groupTitles: ["g"],
            rows: [
                .init(label: "cluster 0", color: Palette.color(0), groups: [[image, negative]])
            ], imageShape: [4, 4])
        figure.pixel = 6
        let path = temporaryDirectory().appendingPathComponent("gallery.png").path
        let size = figure.preferredSize
        try FigureFile.write(.png, to: path, width: size.width, height: size.height, scale: 1) { figure.draw(on: $0, width: $1, height: $2) }
        let png = try PNGImage(contentsOf: path)
        #expect(png.width == size.width && png.height == size.height)
        // Layout: images start at x = 90, y = 58 + 2; pixel (row, column) covers [x + 6c, x + 6c + 6).
        func centre(image: Int, row: Int, column: Int) -> (Int, Int) {
            (90 + image * (4 * 6 + 4) + column * 6 + 3, 60 + row * 6 + 3)
        }
        for row in 0..<4 {
            for column in 0..<4 {
                let (x, y) = centre(image: 0, row: row, column: column)
                let expected: UInt8 = row == 1 && column == 2 ? 255 : 0
                #expect(png.pixel(x: x, y: y) == (expected, expected, expected), "image 0, pixel \(row), \(column)")
                let (nx, ny) = centre(image: 1, row: row, column: column)
                #expect(png.pixel(x: nx, y: ny) == (255 - expected, 255 - expected, 255 - expected), "image 1, pixel \(row), \(column)")
            }
        }
    }
}
