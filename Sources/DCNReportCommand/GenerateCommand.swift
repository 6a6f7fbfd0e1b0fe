import ArgumentParser
import Runs
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
        let render = try renderFlags.choices.options()
        let templates = try TemplateLocator.locate(explicit: renderFlags.templates)
        print(try options.request.generate(render: render, templates: templates, selfContained: renderFlags.selfContained).path)
    }
}
