import Foundation
import Synchronization

/// SIGINT and SIGTERM ask training to stop after the current minibatch instead of killing the
/// process, so the recording ends cleanly at the last complete epoch and the report can still be
/// written. A second signal exits at once.
public enum StopSignal {
    /// Whether a stop was requested.
    public static var requested: Bool { stopRequests.load(ordering: .relaxed) > 0 }

    /// Installs the handlers (idempotent).
    public static func install() {
        signal(SIGINT, handleStopSignal)
        signal(SIGTERM, handleStopSignal)
        // A parent may have started us with these signals blocked (the mask is inherited); unblock them.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

/// How many stop signals arrived. An atomic integer is lock-free, so the signal handler may touch it.
private let stopRequests = Atomic<Int32>(0)

private func handleStopSignal(_ signal: Int32) {
    let (_, count) = stopRequests.add(1, ordering: .relaxed)
    if count > 1 { _exit(128 + signal) }
}

/// Training stopped on request; the process exits with 130 after writing what it has.
public struct InterruptedError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}
