import ArgumentParser
import Datasets
import Runs

/// `dcn-report assign`: cluster new data with a saved model.
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign the samples of a data set to the clusters of a trained model.",
        discussion: """
            Every `generate` or `train` run saves its model as OUT/run/model.dcn \
            (weights, centres, configuration and the input scaling fitted to the \
            training data). The output is int32 .npy, or one cluster per line for a \
            .csv name.

            Example:
              dcn-report assign --model reports/demo/run/model.dcn \\
                  --dataset new.npy --out clusters.npy
            """)

    @Option(help: "A model file written by generate or train (OUT/run/model.dcn).")
    var model: String
    @Option(help: "The data: a .csv, .csv.gz, .npy or IDX file ('synthetic' regenerates the demo data with --seed).")
    var dataset: String
    @Option(help: "For CSV data: a label column to skip ('none', 'last', an index or a header name).")
    var labelColumn: LabelColumn = .none
    @Option(help: "Seed of the synthetic data (only with --dataset synthetic).")
    var seed: UInt64 = 0
    @Option(help: "Output file: .npy (int32) or .csv.")
    var out: String
    @Option(help: "Also write each sample's code f(x) to this .npy file (float32, N × the code width): the data in the model's latent space.")
    var codes: String?

    mutating func run() throws {
        var job = AssignJob(model: model, dataset: dataset, out: out)
        job.labelColumn = labelColumn
        job.seed = seed
        job.codes = codes
        print(try job.run())
    }
}
