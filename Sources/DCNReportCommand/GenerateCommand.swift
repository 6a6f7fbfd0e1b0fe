import ArgumentParser
import Foundation
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

    @Option(help: "Frame size in pixels, WIDTHxHEIGHT.")
    var frameSize: String = "1200x560"

    @Option(help: "Seconds per animation frame.")
    var frameDelay: Double = 0.25

    @Option(help: "Folder holding report.mustache (default: found next to the repository).")
    var templates: String?

    mutating func run() throws {
        let render = try renderOptions()
        let templatesDirectory = try TemplateLocator.locate(explicit: templates)
        let (data, configuration, scaling, source) = try options.load()
        let pipeline = RunPipeline(
            data: data, configuration: configuration, scaling: scaling,
            outDirectory: options.outDirectory(for: source, data: data), quiet: options.quiet)
        let runDirectory = try pipeline.train()
        let index = try RunPipeline.report(runDirectory: runDirectory, into: pipeline.outDirectory,
                                           templates: templatesDirectory, render: render, quiet: options.quiet)
        if let failure = pipeline.failure {
            FileHandle.standardError.write(Data("report of the epochs before the failure: \(index.path)\n".utf8))
            throw failure
        }
        print(index.path)
    }

    func renderOptions() throws -> RenderOptions {
        var render = RenderOptions()
        let size = frameSize.lowercased().split(separator: "x").map { Int($0) }
        guard size.count == 2, let width = size[0], let height = size[1], (200...8000).contains(width), (150...8000).contains(height) else {
            throw ValidationError("--frame-size '\(frameSize)': expected WIDTHxHEIGHT in pixels, e.g. 1200x560")
        }
        render.width = width
        render.height = height
        guard frameDelay > 0, frameDelay <= 60 else { throw ValidationError("--frame-delay must be between 0 and 60 seconds, got \(frameDelay)") }
        render.frameDelay = frameDelay
        return render
    }
}

/// `dcn-report train`: train and record only; render later with `generate`'s report step.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train DCN and record every epoch into OUT/run, without rendering.")

    @OptionGroup var options: RunOptions

    mutating func run() throws {
        let (data, configuration, scaling, source) = try options.load()
        let pipeline = RunPipeline(
            data: data, configuration: configuration, scaling: scaling,
            outDirectory: options.outDirectory(for: source, data: data), quiet: options.quiet)
        let runDirectory = try pipeline.train()
        if let failure = pipeline.failure { throw failure }
        print(runDirectory.path)
    }
}
