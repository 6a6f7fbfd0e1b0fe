import ArgumentParser
import CairoRendering
import Foundation
import Report

/// Flags that control how figures are drawn (shared by `generate` and `render`).
struct RenderFlags: ParsableArguments {
    @Option(help: "Frame size in layout units, WIDTHxHEIGHT.")
    var frameSize: String = "1200x560"

    @Option(help: "Seconds per animation frame.")
    var frameDelay: Double = 0.25

    @Option(help: "Pixels per layout unit for PNG output, e.g. 2 for a double-resolution figure.")
    var scale: Double?

    @Option(help: "PNG resolution in dots per inch, for print (layout units are 1/96 inch; 300 dpi = scale 3.125).")
    var dpi: Double?

    @Option(help: "Formats of the per-epoch frames: a comma-separated subset of png, svg, pdf (charts and the final frame are always all three).")
    var formats: String = "png"

    @Option(help: "Most points drawn per panel; larger data sets are drawn as a stratified subsample.")
    var pointCap: Int = 30_000

    @Flag(help: "Give both axes of the scatter panels the same scale (circles stay circles).")
    var equalAspect = false

    @Option(help: "Folder holding report.mustache (default: found next to the repository).")
    var templates: String?

    @Flag(help: "Inline every image into index.html so the report is a single file (for e-mail and supplementary material).")
    var selfContained = false

    func options() throws -> RenderOptions {
        var render = RenderOptions()
        let size = frameSize.lowercased().split(separator: "x").map { Int($0) }
        guard size.count == 2, let width = size[0], let height = size[1], (200...8000).contains(width), (150...8000).contains(height) else {
            throw ValidationError("--frame-size '\(frameSize)': expected WIDTHxHEIGHT in pixels, e.g. 1200x560")
        }
        render.width = width
        render.height = height
        guard frameDelay > 0, frameDelay <= 60 else { throw ValidationError("--frame-delay must be between 0 and 60 seconds, got \(frameDelay)") }
        render.frameDelay = frameDelay
        if scale != nil && dpi != nil { throw ValidationError("--scale and --dpi are alternatives; give one") }
        let chosenScale = scale ?? dpi.map { $0 / 96 } ?? 1
        guard chosenScale >= 0.25, chosenScale <= 8 else {
            throw ValidationError("--scale must be between 0.25 and 8 (--dpi between 24 and 768), got \(chosenScale)")
        }
        render.scale = chosenScale
        var chosen: [CairoCanvas.Format] = []
        for name in formats.split(separator: ",") {
            guard let format = CairoCanvas.Format(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError("--formats '\(formats)': expected png, svg and/or pdf separated by commas")
            }
            chosen.append(format)
        }
        if !chosen.contains(.png) { chosen.insert(.png, at: 0) }
        render.formats = chosen
        guard pointCap >= 100 else { throw ValidationError("--point-cap must be at least 100, got \(pointCap)") }
        render.pointCap = pointCap
        render.equalAspect = equalAspect
        return render
    }
}
