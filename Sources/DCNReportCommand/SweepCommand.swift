import ArgumentParser
import Runs
import Foundation
import Report
import Serving

/// `dcn-report sweep`: a grid of settings and seeds, each an ordinary run folder, run resumably and in parallel.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Train every combination of the given settings and seeds, resumably, several runs at a time.",
        discussion: """
            Any training flag of `train` may take a comma-separated list; the sweep is \
            their cross product. Flags whose value is itself a list separate \
            alternatives with '/' (--hidden 500,500,2000/100,50,10). Each run is an \
            ordinary run folder OUT/runs/<setting>-seed<N>/ (its log beside it); \
            rerunning the same command after Ctrl-C or a kill trains only what is \
            missing. Runs that share their pretraining settings pretrain once: the \
            first saves a checkpoint the others start from.

            Examples:
              dcn-report sweep --lambda 0.5,2,8 --seed 1,2,3 --out sweeps/lambda
              dcn-report sweep --dataset x.npy --labels y.npy \\
                  --pretrain-epochs 50,200 --seed 1,2 --out sweeps/pre
              # the plan only, one command per line, for a scheduler
              dcn-report sweep --lambda 0.5,2,8 --out sweeps/lambda --plan > jobs.txt
              dcn-report compare sweeps/lambda
            """)

    @Option(help: "The sweep folder: OUT/runs/<setting>-seed<N>/ per run, OUT/sweep.json lists them.")
    var out: String
    @Option(help: "Runs at a time (default: as many as the cores allow without oversubscribing BLAS threads).")
    var jobs: Int?
    @Flag(help: "Print one `dcn-report train …` command per missing run (each pretraining itself) and nothing else, for an external scheduler.")
    var plan = false
    @Flag(help: "Let every run pretrain itself instead of sharing one pretraining per group of runs.")
    var noSharedPretraining = false
    @OptionGroup var serving: ServeFlags
    @Flag(help: "Print only errors and the final line.")
    var quiet = false
    @Argument(parsing: .allUnrecognized, help: "Training flags of `train`, each value possibly a comma-separated list.")
    var trainingFlags: [String] = []

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    mutating func run() throws {
        var job = SweepJob(
            grid: try SweepGrid(arguments: trainingFlags, trainingFlags: FlagCatalog([RunOptions.self]).takesValue),
            out: out, executable: TemplateLocator.executable())
        job.jobs = jobs
        job.planOnly = plan
        job.sharedPretraining = !noSharedPretraining
        job.quiet = quiet
        guard serving.serve && !plan else { return try job.run(parse: Self.parseTrainFlags) }
        try ServedWork.run(templates: TemplateLocator.locate(explicit: nil), port: serving.servePort) { serve in
            try serve(URL(fileURLWithPath: out))
            try job.run(parse: Self.parseTrainFlags)
            return URL(fileURLWithPath: out)
        }
    }

    /// Parses one run's flags as `train` would, in the command line's terms when they do not parse.
    static func parseTrainFlags(_ flags: [String]) throws -> RunRequest {
        do {
            guard let train = try DCNReport.parseAsRoot(["train"] + flags) as? TrainCommand else { throw FlagValueError("not a train command") }
            return train.options.request
        } catch let error as FlagValueError {
            throw error
        } catch {
            throw FlagValueError(DCNReport.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)")
        }
    }
}
