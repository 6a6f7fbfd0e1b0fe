public import CairoRendering
public import Report

/// The render flags of `generate` and `render` as given, checked into ``RenderOptions``.
public struct RenderChoices: Sendable {
    public var frameSize = FrameSize(width: 1200, height: 560)
    public var frameDelay = 0.25
    public var scale: Double?
    public var dpi: Double?
    public var formats: [CairoCanvas.Format] = [.png]
    public var pointCap = RenderOptions().pointCap
    public var equalAspect = false
    public var projection = RenderOptions().view
    public var tsnePointCap = RenderOptions().tsnePointCap
    public var maxFrames = RenderOptions().maxFrames

    public init() {}

    /// The render settings, PNG always first among the frame formats.
    /// - Throws: ``FlagValueError`` naming the flag whose value is out of range.
    public func options() throws -> RenderOptions {
        guard frameDelay > 0, frameDelay <= 60 else { throw FlagValueError("--frame-delay must be between 0 and 60 seconds, got \(frameDelay)") }
        if scale != nil && dpi != nil { throw FlagValueError("--scale and --dpi are alternatives; give one") }
        if let dpi, !(24...768).contains(dpi) { throw FlagValueError("--dpi must be between 24 and 768, got \(dpi)") }
        let chosenScale = scale ?? dpi.map { $0 / 96 } ?? 1
        guard (0.25...8).contains(chosenScale) else {
            throw FlagValueError("--scale must be between 0.25 and 8 (--dpi between 24 and 768), got \(chosenScale)")
        }
        guard pointCap >= 100 else { throw FlagValueError("--point-cap must be at least 100, got \(pointCap)") }
        guard tsnePointCap >= 100 else { throw FlagValueError("--tsne-point-cap must be at least 100, got \(tsnePointCap)") }
        guard (2...100_000).contains(maxFrames) else { throw FlagValueError("--max-frames must be 2 to 100000, got \(maxFrames)") }
        var render = RenderOptions()
        render.width = frameSize.width
        render.height = frameSize.height
        render.frameDelay = frameDelay
        render.scale = chosenScale
        render.formats = [.png] + formats.filter { $0 != .png }
        render.pointCap = pointCap
        render.equalAspect = equalAspect
        render.view = projection
        render.tsnePointCap = tsnePointCap
        render.maxFrames = maxFrames
        return render
    }
}
