import ArgumentParser
import Foundation
import Runs
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

              # the synthetic demo, written to reports/demo
              dcn-report generate
              dcn-report generate --dataset digits.csv.gz --label-column last \\
                  --clusters 10 --lambda 0.05 --out reports/digits
              dcn-report generate --dataset x.npy --labels y.npy --clusters 3
            """)

    @OptionGroup var options: RunOptions

    @OptionGroup var renderFlags: RenderFlags

    mutating func run() throws {
        let render = renderFlags.options
        let templatesDirectory = try TemplateLocator.locate(explicit: renderFlags.templates)
        let pipeline = try options.pipeline(for: options.load())
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
