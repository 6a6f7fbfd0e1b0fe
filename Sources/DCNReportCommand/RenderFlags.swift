import ArgumentParser
import CairoRendering
import Foundation
import Report

/// Flags that control how figures are drawn (shared by `generate` and `render`).
struct RenderFlags: ParsableArguments {
    @Option(help: "Frame size in layout units, WIDTHxHEIGHT (200–8000 × 150–8000).", transform: FrameSize.parse)
    var frameSize = FrameSize(width: 1200, height: 560)

    @Option(help: "Seconds per animation frame.")
    var frameDelay: Double = 0.25

    @Option(parsing: .unconditional, help: "Pixels per layout unit for PNG output, e.g. 2 for a double-resolution figure.")
    var scale: Double?

    @Option(parsing: .unconditional, help: "PNG resolution in dots per inch, for print (layout units are 1/96 inch; 300 dpi = scale 3.125).")
    var dpi: Double?

    @Option(help: "Formats of the per-epoch frames: a comma-separated subset of png, svg, pdf (charts and the final frame are always all three).",
            transform: CommaSeparated.parser(expecting: "png, svg and/or pdf separated by commas"))
    var formats = CommaSeparated<CairoCanvas.Format>(argument: "png")!

    @Option(parsing: .unconditional, help: "Most points drawn per panel; larger data sets are drawn as a stratified subsample.")
    var pointCap: Int = 30_000

    @Flag(help: "Give both axes of the scatter panels the same scale (circles stay circles).")
    var equalAspect = false

    @Option(help: "How latent codes wider than 2-D are shown: pca (one basis for all epochs) or tsne (t-SNE, steady across epochs; docs/performance.md).")
    var projection: LatentView = RenderOptions().view

    @Option(parsing: .unconditional, help: "Most points a t-SNE view embeds (a class-stratified subsample).")
    var tsnePointCap: Int = RenderOptions().tsnePointCap

    @Option(help: "Folder holding report.mustache (default: found next to the repository).")
    var templates: String?

    @Flag(help: "Inline every image into index.html so the report is a single file (for e-mail and supplementary material).")
    var selfContained = false

    func validate() throws {
        guard frameDelay > 0, frameDelay <= 60 else { throw ValidationError("--frame-delay must be between 0 and 60 seconds, got \(frameDelay)") }
        if scale != nil && dpi != nil { throw ValidationError("--scale and --dpi are alternatives; give one") }
        if let dpi, !(24...768).contains(dpi) { throw ValidationError("--dpi must be between 24 and 768, got \(dpi)") }
        guard (0.25...8).contains(chosenScale) else {
            throw ValidationError("--scale must be between 0.25 and 8 (--dpi between 24 and 768), got \(chosenScale)")
        }
        guard pointCap >= 100 else { throw ValidationError("--point-cap must be at least 100, got \(pointCap)") }
        guard tsnePointCap >= 100 else { throw ValidationError("--tsne-point-cap must be at least 100, got \(tsnePointCap)") }
    }

    private var chosenScale: Double { scale ?? dpi.map { $0 / 96 } ?? 1 }

    /// The render settings these flags give (checked by ``validate()``).
    var options: RenderOptions {
        var render = RenderOptions()
        render.width = frameSize.width
        render.height = frameSize.height
        render.frameDelay = frameDelay
        render.scale = chosenScale
        render.formats = [.png] + formats.values.filter { $0 != .png }
        render.pointCap = pointCap
        render.equalAspect = equalAspect
        render.view = projection
        render.tsnePointCap = tsnePointCap
        return render
    }
}
