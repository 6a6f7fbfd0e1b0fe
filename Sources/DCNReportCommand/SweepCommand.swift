import ArgumentParser
import AtomicWrite
import DCNCore
import Datasets
import Foundation
import Runs
import Report
import Training

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

    @Flag(help: "Print only errors and the final line.")
    var quiet = false

    @Argument(parsing: .allUnrecognized, help: "Training flags of `train`, each value possibly a comma-separated list.")
    var trainingFlags: [String] = []

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    mutating func run() throws {
        let grid = try SweepGrid(arguments: trainingFlags)
        let outURL = URL(fileURLWithPath: out).standardizedFileURL
        let runsFolder = outURL.appendingPathComponent("runs")
        let resolved = try Self.resolve(grid)
        let missing = zip(grid.runs, resolved).filter { !SweepScheduler.isDone(runsFolder.appendingPathComponent($0.0.name)) }
        let executable = TemplateLocator.executable()
        if plan {
            for (run, _) in missing {
                let folder = runsFolder.appendingPathComponent(run.name)
                print(([executable.path, "train"] + run.arguments + ["--out", folder.path, "--quiet", "--force"]).map(Self.shellQuoted).joined(separator: " "))
            }
            return
        }
        try FileManager.default.createDirectory(at: runsFolder, withIntermediateDirectories: true)
        try SweepManifest(sweptFlags: grid.sweptFlags, runs: grid.runs).write(to: outURL.appendingPathComponent("sweep.json"))
        let jobCount = jobs ?? max(1, ProcessInfo.processInfo.activeProcessorCount / (resolved.map(\.threads).max() ?? 1))
        let scheduler = SweepScheduler(executable: executable, checkpoints: outURL.appendingPathComponent("pretrained"),
                                       jobs: jobCount, quiet: quiet)
        let pending = missing.map { run, info in
            SweepScheduler.Job(run: run, folder: runsFolder.appendingPathComponent(run.name),
                               pretrainingGroup: noSharedPretraining ? nil : info.pretrainingGroup)
        }
        if !quiet { print("sweep: \(grid.runs.count) runs, \(grid.runs.count - missing.count) already done, \(jobCount) at a time") }
        let outcome = scheduler.run(pending, alreadyDone: grid.runs.count - missing.count)
        if outcome.interrupted {
            throw InterruptedError(message: "sweep interrupted; rerun the same command to train the \(grid.runs.count - outcome.completed.count - (grid.runs.count - missing.count)) missing runs")
        }
        if !outcome.failed.isEmpty {
            throw UserFacingError("sweep: \(outcome.failed.count) of \(grid.runs.count) runs failed: "
                + outcome.failed.sorted().map { "\($0) (log: runs/\($0).log)" }.joined(separator: ", "))
        }
        print("sweep: all \(grid.runs.count) runs complete in \(outURL.path); compare them with `dcn-report compare \(out)`")
    }

    /// What the sweep needs to know of each run before starting it: its pretraining group and BLAS threads.
    struct RunInfo {
        let pretrainingGroup: String
        let threads: Int
    }

    /// Checks every run's flags as `train` would parse them, and finds its pretraining group (loading each
    /// distinct data set once).
    static func resolve(_ grid: SweepGrid) throws -> [RunInfo] {
        var data: [String: (Dataset, DatasetSource)] = [:]
        return try grid.runs.map { run in
            let parsed: ParsableCommand
            do {
                parsed = try DCNReport.parseAsRoot(["train"] + run.arguments)
            } catch {
                let message = DCNReport.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
                throw ValidationError("sweep run \(run.name): " + message)
            }
            guard let train = parsed as? TrainCommand else { throw ValidationError("sweep run \(run.name): not a train command") }
            let options = train.options
            let dataKey = options.dataIdentity
            if data[dataKey] == nil { data[dataKey] = try options.loadData() }
            let (dataset, source) = data[dataKey]!
            let configuration = try options.configuration(for: dataset, source: source)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let settings = String(decoding: try encoder.encode(PretrainingSettings(configuration)), as: UTF8.self)
            let key = "\(dataKey)|\(options.scaling.resolved(for: dataset).rawValue)|\(settings)"
            return RunInfo(pretrainingGroup: "pretrain-seed\(configuration.seed)-" + fnv(key),
                           threads: BLASThreadPolicy.threads(for: configuration, inputDimensions: dataset.dimensions))
        }
    }

    static func fnv(_ text: String) -> String {
        var hash = FNV1a()
        hash.mix(text)
        return hash.hex
    }

    static func shellQuoted(_ word: String) -> String {
        guard word.contains(where: { !($0.isLetter || $0.isNumber || "-_./=,:+@%".contains($0)) }) else { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
