import Foundation

/// SIGINT and SIGTERM ask training to stop after the current minibatch instead of killing the
/// process, so the recording ends cleanly at the last complete epoch and the report can still be
/// written. A second signal exits at once.
enum StopSignal {
    /// Whether a stop was requested.
    static var requested: Bool { stopRequests > 0 }

    /// Installs the handlers (idempotent).
    static func install() {
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

// nonisolated(unsafe): written only by the signal handler, which the kernel runs on one thread at a
// time for SIGINT/SIGTERM, and read by the training loop as a flag; a torn or late read only delays
// the stop by one step. (A signal handler cannot take a lock, so no safer type fits.)
nonisolated(unsafe) private var stopRequests: Int32 = 0

private func handleStopSignal(_ signal: Int32) {
    stopRequests += 1
    if stopRequests > 1 { _exit(128 + signal) }
}

/// Training stopped on request; the process exits with 130 after writing what it has.
struct InterruptedError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
