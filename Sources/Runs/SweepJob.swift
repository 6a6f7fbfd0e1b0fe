public import Foundation
import SettingFiles

/// The job of `sweep`: plan the grid, write `sweep.json`, and train the missing runs as child processes
/// (or, with ``planOnly``, print one `train` command per missing run).
public struct SweepJob {
    public var grid: SweepGrid
    /// The sweep folder as given.
    public var out: String
    /// Runs at a time; nil for as many as the cores allow without oversubscribing BLAS threads.
    public var jobs: Int?
    public var planOnly = false
    /// Runs that pretrain identically share one pretraining (the first saves a checkpoint).
    public var sharedPretraining = true
    public var quiet = false
    /// The `dcn-report` binary the children run.
    public var executable: URL

    public init(grid: SweepGrid, out: String, executable: URL) {
        self.grid = grid
        self.out = out
        self.executable = executable
    }

    /// Runs the sweep.
    /// - Parameter parse: The command line's parser for `train`'s flags.
    /// - Throws: ``InterruptedError`` after Ctrl-C, ``UserFacingError`` naming the runs that failed.
    public func run(parse: ([String]) throws -> RunRequest) throws {
        let plan = try SweepPlan(grid: grid, parse: parse)
        let outURL = URL(fileURLWithPath: out).standardizedFileURL
        let runsFolder = outURL.appendingPathComponent("runs")
        let missing = plan.entries.filter { !SweepScheduler.isDone(runsFolder.appendingPathComponent($0.run.name)) }
        if planOnly {
            for entry in missing {
                print(SweepPlan.commandLine(entry, executable: executable, folder: runsFolder.appendingPathComponent(entry.run.name)))
            }
            return
        }
        try FileManager.default.createDirectory(at: runsFolder, withIntermediateDirectories: true)
        try SweepManifest(sweptFlags: plan.sweptFlags, runs: plan.entries.map(\.run)).write(to: outURL.appendingPathComponent("sweep.json"))
        let jobCount = jobs ?? max(1, ProcessInfo.processInfo.activeProcessorCount / (plan.entries.map(\.threads).max() ?? 1))
        let scheduler = SweepScheduler(
            executable: executable, checkpoints: outURL.appendingPathComponent("pretrained"),
            jobs: jobCount, quiet: quiet)
        let pending = missing.map { entry in
            SweepScheduler.Job(
                run: entry.run, request: entry.request, folder: runsFolder.appendingPathComponent(entry.run.name),
                pretrainingGroup: sharedPretraining ? entry.pretrainingGroup : nil)
        }
        let total = plan.entries.count, done = total - missing.count
        if !quiet { print("sweep: \(total) runs, \(done) already done, \(jobCount) at a time") }
        let outcome = scheduler.run(pending, alreadyDone: done)
        if outcome.interrupted {
            throw InterruptedError(
                message: "sweep interrupted; rerun the same command to train the \(total - outcome.completed.count - done) missing runs")
        }
        if !outcome.failed.isEmpty {
            throw UserFacingError(
                "sweep: \(outcome.failed.count) of \(total) runs failed: "
                    + outcome.failed.sorted().map { "\($0) (log: runs/\($0).log)" }.joined(separator: ", "))
        }
        print("sweep: all \(total) runs complete in \(outURL.path); compare them with `dcn-report compare \(out)`")
    }
}
