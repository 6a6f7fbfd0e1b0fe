import ArgumentParser
import Runs
import Report
import Serving

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
    @OptionGroup var serving: ServeFlags

    mutating func run() throws {
        let (render, request) = (try renderFlags.choices.options(), options.request)
        let templates = try TemplateLocator.locate(explicit: renderFlags.templates)
        guard serving.serve else {
            return print(try request.generate(render: render, templates: templates, selfContained: renderFlags.selfContained).path)
        }
        try ServedWork.run(templates: templates, port: serving.servePort) {
            try request.generate(render: render, templates: templates, selfContained: renderFlags.selfContained, beforeTraining: $0)
        }
    }
}
