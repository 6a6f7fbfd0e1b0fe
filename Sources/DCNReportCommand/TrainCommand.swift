import ArgumentParser
import Report
import Runs
import Serving

/// `dcn-report train`: train and record only; `dcn-report render` draws the report later.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train DCN and record every epoch into OUT/run, without rendering.",
        discussion: """
            Takes the same data and training flags as generate; render the recording \
            later with `dcn-report render OUT/run`. The trained model is saved as \
            OUT/run/model.dcn.

            Examples:
              dcn-report train --out runs/demo
              dcn-report train --preset mnist \\
                  --dataset train-images-idx3-ubyte.gz \\
                  --labels train-labels-idx1-ubyte.gz --out runs/mnist
              dcn-report train --config experiment.yaml --seed 3
            """)

    @OptionGroup var options: RunOptions
    @OptionGroup var serving: ServeFlags

    mutating func run() throws {
        let request = options.request
        guard serving.serve else { return print(try request.train().path) }
        try ServedWork.run(templates: TemplateLocator.locate(explicit: nil), port: serving.servePort) { try request.train(beforeTraining: $0) }
    }
}
