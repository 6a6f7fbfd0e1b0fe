public import Foundation

/// `RUN/process.json`: which process is writing the folder, so that a reader can tell a run that is
/// training from one whose process died (its `run.json` still says `running`) without writing anything.
/// Like `timing.json` it is not part of the recording's deterministic content.
public struct RunProcess: Codable, Equatable, Sendable {
    /// The writer's process id.
    public var pid: Int32
    /// The machine it runs on (a pid means nothing on another).
    public var host: String
    /// When it started writing, ISO 8601.
    public var started: String

    /// This process.
    public static func current() -> RunProcess {
        RunProcess(
            pid: ProcessInfo.processInfo.processIdentifier, host: ProcessInfo.processInfo.hostName,
            started: ISO8601DateFormatter().string(from: Date()))
    }

    /// Reads `process.json` of a run folder; nil when absent or unreadable.
    public init?(runFolder: URL) {
        guard let data = FileManager.default.contents(atPath: runFolder.appendingPathComponent("process.json").path),
            let process = try? JSONDecoder().decode(RunProcess.self, from: data)
        else { return nil }
        self = process
    }

    public init(pid: Int32, host: String, started: String) {
        self.pid = pid
        self.host = host
        self.started = started
    }

    /// Whether the process still runs: true or false on this machine, nil on another (unknown).
    public var isAlive: Bool? {
        guard host == ProcessInfo.processInfo.hostName else { return nil }
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
