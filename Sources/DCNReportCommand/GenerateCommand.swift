import ArgumentParser
import Foundation
import CairoRendering
import RunFormat
import Report

/// `dcn-report generate`: train, record, render and write the report in one go.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Train DCN on a data set, record every epoch, render the frames and write the HTML report.",
        discussion: """
            Examples:
              dcn-report generate                                   # synthetic demo → reports/demo
              dcn-report generate --dataset digits.csv.gz --label-column last --clusters 10 \\
                  --hidden 500,500,2000 --latent-dim 10 --lambda 0.05 --out reports/digits
              dcn-report generate --dataset x.npy --labels y.npy --clusters 3
            """)

    @OptionGroup var options: RunOptions

    @OptionGroup var renderFlags: RenderFlags

    mutating func run() throws {
        let render = try renderFlags.options()
        let templatesDirectory = try TemplateLocator.locate(explicit: renderFlags.templates)
        let (data, configuration, scaling, source) = try options.load()
        let pipeline = try options.pipeline(data: data, configuration: configuration, scaling: scaling, source: source)
        let runDirectory = try pipeline.train()
        if let failure = pipeline.failure, (try? RecordedRun(directory: runDirectory))?.availableEpochs.isEmpty ?? true {
            throw failure  // nothing recorded to render
        }
        let index = try RunPipeline.report(runDirectory: runDirectory, into: pipeline.outDirectory, templates: templatesDirectory,
                                           render: render, selfContained: renderFlags.selfContained, quiet: options.quiet)
        if let failure = pipeline.failure {
            FileHandle.standardError.write(Data("report of the epochs before the failure: \(index.path)\n".utf8))
            throw failure
        }
        print(index.path)
    }
}

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

/// `dcn-report train`: train and record only; render later with `generate`'s report step.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train DCN and record every epoch into OUT/run, without rendering.",
        discussion: """
            Takes the same data and training flags as generate; render the recording later with
            `dcn-report render OUT/run`. The trained model is saved as OUT/run/model.dcn.
            Examples:
              dcn-report train --out runs/demo
              dcn-report train --preset mnist --dataset train-images-idx3-ubyte.gz \\
                  --labels train-labels-idx1-ubyte.gz --out runs/mnist
              dcn-report train --config experiment.yaml --seed 3
            """)

    @OptionGroup var options: RunOptions

    mutating func run() throws {
        let (data, configuration, scaling, source) = try options.load()
        let pipeline = try options.pipeline(data: data, configuration: configuration, scaling: scaling, source: source)
        let runDirectory = try pipeline.train()
        if let failure = pipeline.failure { throw failure }
        print(runDirectory.path)
    }
}
