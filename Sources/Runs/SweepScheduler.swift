public import Foundation
public import SettingFiles
import RunFormat

/// Runs a sweep's missing runs as separate `dcn-report train` processes, `jobs` at a time, with one
/// progress line for the whole sweep.
///
/// A run is done when its `run.json` says `complete` or `diverged`; any other folder (a killed or
/// failed run) is deleted and trained again from scratch. With shared pretraining, the first run of
/// each pretraining group saves a checkpoint and the group's other runs wait for it and start from it.
public final class SweepScheduler {
    /// A run to train, with where it goes and which pretraining group it belongs to.
    public struct Job {
        public let run: SweepRun
        /// What the run's `train` process is given (its folder, quietness and checkpoint added here).
        public let request: RunRequest
        public let folder: URL
        /// Runs with the same key pretrain identically (nil: the run pretrains itself).
        public let pretrainingGroup: String?

        public init(run: SweepRun, request: RunRequest, folder: URL, pretrainingGroup: String?) {
            self.run = run
            self.request = request
            self.folder = folder
            self.pretrainingGroup = pretrainingGroup
        }
    }

    /// How the sweep ended.
    public struct Outcome {
        public var completed: [String] = []
        public var failed: [String] = []
        public var interrupted = false
    }

    private let executable: URL
    private let checkpoints: URL
    private let jobs: Int
    private let quiet: Bool
    private let terminal: Terminal

    /// - Parameters:
    ///   - executable: The `dcn-report` binary to start.
    ///   - checkpoints: Folder for the pretraining checkpoints.
    ///   - jobs: Runs at a time.
    ///   - quiet: Print nothing but the final summary.
    public init(executable: URL, checkpoints: URL, jobs: Int, quiet: Bool) {
        self.executable = executable
        self.checkpoints = checkpoints
        self.jobs = max(1, jobs)
        self.quiet = quiet
        terminal = Terminal(quiet: quiet)
    }

    /// Whether a run folder holds a finished recording.
    public static func isDone(_ folder: URL) -> Bool {
        guard let run = try? RecordedRun(directory: folder.appendingPathComponent("run")) else { return false }
        return run.manifest.status == .complete || run.manifest.status == .diverged
    }

    /// Trains every job, returning which completed and which failed.
    public func run(_ pending: [Job], alreadyDone: Int) -> Outcome {
        var outcome = Outcome()
        var waiting = pending
        var running: [(job: Job, process: Process, started: Date)] = []
        var durations: [Double] = []
        var leaders: Set<String> = []  // groups whose checkpoint is being written
        let total = pending.count + alreadyDone
        try? FileManager.default.createDirectory(at: checkpoints, withIntermediateDirectories: true)
        while !waiting.isEmpty || !running.isEmpty {
            if StopSignal.requested && !outcome.interrupted {
                // Children in our process group got the signal too; the others are asked here. Either way
                // each stops after its current step with its recording consistent, and is rerun later.
                outcome.interrupted = true
                for entry in running where entry.process.isRunning { entry.process.interrupt() }
            }
            // Start what may start.
            while !outcome.interrupted, running.count < jobs, let index = waiting.firstIndex(where: { ready($0, leaders: leaders) }) {
                let job = waiting.remove(at: index)
                var child = SweepPlan.childRequest(job.request, folder: job.folder)
                if let group = job.pretrainingGroup {
                    let checkpoint = checkpointURL(group)
                    if FileManager.default.fileExists(atPath: checkpoint.path) {
                        child.fromPretrained = checkpoint.path
                    } else {
                        child.savePretrained = checkpoint.path
                        leaders.insert(group)
                    }
                }
                let arguments = ["train"] + child.arguments
                try? FileManager.default.removeItem(at: job.folder)
                do {
                    running.append((job, try start(arguments, log: job.folder.appendingPathExtension("log")), Date()))
                } catch {
                    outcome.failed.append(job.run.name)
                    if let group = job.pretrainingGroup { leaders.remove(group) }
                }
            }
            // Collect what finished.
            for (index, entry) in running.enumerated().reversed() where !entry.process.isRunning {
                running.remove(at: index)
                if let group = entry.job.pretrainingGroup { leaders.remove(group) }
                if Self.isDone(entry.job.folder) {
                    outcome.completed.append(entry.job.run.name)
                    durations.append(Date().timeIntervalSince(entry.started))
                } else if !outcome.interrupted {
                    outcome.failed.append(entry.job.run.name)
                }
            }
            if outcome.interrupted { waiting.removeAll() }
            progress(
                done: alreadyDone + outcome.completed.count, running: running.count, failed: outcome.failed.count,
                total: total, remaining: waiting.count + running.count, durations: durations)
            if !running.isEmpty || !waiting.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
        }
        terminal.endStatus()
        return outcome
    }

    /// Whether `job` may start: always without shared pretraining; otherwise unless its group's
    /// checkpoint is being written by another run.
    private func ready(_ job: Job, leaders: Set<String>) -> Bool {
        guard let group = job.pretrainingGroup else { return true }
        return !leaders.contains(group)
    }

    func checkpointURL(_ group: String) -> URL {
        checkpoints.appendingPathComponent(group + ".ckpt")
    }

    private func start(_ arguments: [String], log: URL) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func progress(done: Int, running: Int, failed: Int, total: Int, remaining: Int, durations: [Double]) {
        guard !quiet else { return }
        var line = "sweep: \(done)/\(total) done, \(running) running, \(failed) failed"
        if !durations.isEmpty, remaining > 0 {
            let mean = durations.reduce(0, +) / Double(durations.count)
            let eta = Int((mean * Double(remaining) / Double(jobs)).rounded())
            line += String(format: ", ETA %d:%02d", eta / 60, eta % 60)
        }
        // A log sees each distinct line once; a terminal's line updates in place.
        if terminal.interactive || line != lastLine { terminal.status(line) }
        lastLine = line
    }

    private var lastLine = ""
}
