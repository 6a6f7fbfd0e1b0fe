public import CairoRendering
public import RunFormat

/// Settings for rendering a run's figures.
public struct RenderOptions: Sendable {
    /// Frame width in layout units (pixels at scale 1).
    public var width = 1200
    /// Frame height in layout units.
    public var height = 560
    /// Pixels per layout unit for PNG output (2 doubles the resolution; 300 dpi ≈ scale 3.125 for a
    /// figure laid out at 96 units per inch).
    public var scale = 1.0
    /// Formats of the per-epoch frames and the charts; the final frame is always also SVG and PDF.
    public var formats: [CairoCanvas.Format] = [.png]
    /// Seconds per animation frame.
    public var frameDelay = 0.25
    /// Seconds the last animation frame stays up.
    public var lastFrameDelay = 2.5
    /// Most points drawn per panel; larger runs are subsampled, stratified by class.
    public var pointCap = 30_000
    /// One scale for both axes of the scatter panels.
    public var equalAspect = false
    /// How codes wider than 2-D are shown: t-SNE by default, which on MNIST codes kept 0.57 of each
    /// point's 10 nearest neighbours where PCA kept 0.17 (docs/performance.md, "t-SNE view").
    public var view: LatentView = .tsne
    /// Most points a t-SNE view embeds.
    public var tsnePointCap = 2_500
    /// Formats of the figures for papers (`figures/`): PNG, SVG and PDF; a served live report, redrawn at
    /// every epoch, writes PNG only.
    public var figureFormats: [CairoCanvas.Format] = CairoCanvas.Format.allCases
    /// For a page `serve` shows: the run's path under the served folder. The page then names the recording by
    /// this path and every file by its name, never by a path of the server (``ServedText``).
    public var servedAs: String?
    /// Most frames drawn (the player, the animations): a longer run shows evenly spaced epochs with the first
    /// and the last, chosen before any array is read; the charts still use every epoch's losses and scores.
    public var maxFrames = 200
    /// Creates the defaults.
    public init() {}
}

/// One figure in every format it was written in.
public struct FigureFiles: Sendable {
    /// Short name, e.g. `losses`.
    public var name: String
    /// Human title.
    public var title: String
    /// Paths relative to the report folder, PNG first when present.
    public var paths: [String]
}

/// What rendering produced, as paths relative to the report folder.
public struct RenderedFigures: Sendable {
    /// PNG frame per epoch, e.g. `frames/epoch_0003.png`.
    public var framePaths: [String]
    /// The epochs shown.
    public var entries: [EpochEntry]
    /// `animation.gif`.
    public var animationPath: String
    /// `animation.png` (APNG).
    public var apngPath: String
    /// The final frame and the charts, each in several formats.
    public var figures: [FigureFiles]
    /// The decoded-centre strip of each frame (`centres/epoch_NNNN.png`), when the recording has decoded centres.
    public var centrePaths: [String]?
    /// Parts of the recording left out because they failed their checks (a bad later epoch, gallery…).
    public var warnings: [String] = []
    /// The last DCN epoch that kept a held start's assignments (``FrameSequence/startKeptThrough``).
    public var startKeptThrough: Int?
}

/// How the frames show latent codes wider than two dimensions.
public enum LatentView: String, Sendable, CaseIterable {
    /// One PCA basis for all epochs, fitted on the last.
    case pca
    /// t-SNE of each epoch, steady across epochs (the last embedded first, each earlier one from its successor).
    case tsne
}
