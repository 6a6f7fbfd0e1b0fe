import ArgumentParser
import CairoRendering
import Report
import Runs

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
    @Option(
        help: "Formats of the per-epoch frames: a comma-separated subset of png, svg, pdf (charts and the final frame are always all three).",
        transform: CommaSeparated.parser(expecting: "png, svg and/or pdf separated by commas"))
    var formats = CommaSeparated<CairoCanvas.Format>(argument: "png")!
    @Option(parsing: .unconditional, help: "Most points drawn per panel; larger data sets are drawn as a stratified subsample.")
    var pointCap: Int = 30_000
    @Flag(help: "Give both axes of the scatter panels the same scale (circles stay circles).")
    var equalAspect = false
    @Option(
        help: "How latent codes wider than 2-D are shown: pca (one basis for all epochs) or tsne (t-SNE, steady across epochs; docs/performance.md).")
    var projection: LatentView = RenderOptions().view
    @Option(parsing: .unconditional, help: "Most points a t-SNE view embeds (a class-stratified subsample).")
    var tsnePointCap: Int = RenderOptions().tsnePointCap
    @Option(
        parsing: .unconditional,
        help:
            "Most frames drawn for the player and the animations; a longer run shows evenly spaced epochs with the first and the last (the charts use every epoch)."
    )
    var maxFrames: Int = RenderOptions().maxFrames
    @Option(help: "Folder holding report.mustache (default: found next to the repository).")
    var templates: String?
    @Flag(help: "Inline every image into index.html so the report is a single file (for e-mail and supplementary material).")
    var selfContained = false

    /// The flags as given, for ``Runs`` to check.
    var choices: RenderChoices {
        var c = RenderChoices()
        c.frameSize = frameSize
        c.frameDelay = frameDelay
        c.scale = scale
        c.dpi = dpi
        c.formats = formats.values
        c.pointCap = pointCap
        c.equalAspect = equalAspect
        c.projection = projection
        c.tsnePointCap = tsnePointCap
        c.maxFrames = maxFrames
        return c
    }
}
