public import Foundation
import Runs
import ServingRules
import Synchronization

/// `train`, `generate` and `sweep` with `--serve`: the server starts over the output folder as soon as it
/// is known, so the run can be watched from its first epoch. When the work ends the server keeps serving
/// until Ctrl-C; a Ctrl-C during the work stops both (the run is recorded as interrupted, as without it).
public enum ServedWork {
    /// Runs `work`, serving its output folder meanwhile; prints the work's result path when it ends.
    /// - Parameters:
    ///   - templates: The report templates.
    ///   - port: The server's port (0: any free one).
    ///   - work: The job; it calls its argument with the output folder before it starts writing.
    public static func run(templates: URL, port: Int, _ work: (_ serve: @escaping (URL) throws -> Void) throws -> URL) throws {
        let stop = StopFlag()
        let done = DispatchSemaphore(value: 0)
        let started = Mutex(false)
        let serve: (URL) throws -> Void = { folder in
            guard
                !started.withLock({
                    let was = $0
                    $0 = true
                    return was
                })
            else { return }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let cache = RunServer.processCacheFolder
            var server = RunServer(root: folder, host: "127.0.0.1", port: port, templates: templates, cacheFolder: cache)
            server.token = AccessToken.random()
            Task {
                do {
                    try await server.run(
                        onRunning: { url in
                            FileHandle.standardOutput.write(Data("watch it at \(url.absoluteString)\n".utf8))
                        }, stop: { stop.isSet })
                } catch {
                    FileHandle.standardError.write(Data("warning: the server could not start (\(error)); training goes on\n".utf8))
                }
                try? FileManager.default.removeItem(at: cache)
                done.signal()
            }
        }
        func finishServing() {
            if started.withLock({ $0 }) { done.wait() }
        }
        let result: URL
        do {
            result = try work(serve)
        } catch {
            stop.set()
            finishServing()
            throw error
        }
        FileHandle.standardOutput.write(Data((result.path + "\n").utf8))  // unbuffered: it precedes the lines below
        if !StopSignal.requested && started.withLock({ $0 }) {
            FileHandle.standardOutput.write(Data("done; still serving (Ctrl-C stops)\n".utf8))
        } else {
            stop.set()
        }
        finishServing()
    }

    /// Set once, read from the server's watcher.
    final class StopFlag: Sendable {
        private let flag = Atomic<Bool>(false)
        var isSet: Bool { flag.load(ordering: .relaxed) }
        func set() { flag.store(true, ordering: .relaxed) }
    }
}
