import Synchronization

/// The open ``BLAS/withThreadCount(atMost:_:)`` scopes of the process and the OpenBLAS thread
/// count they imply.
final class ThreadLimits: Sendable {
    static let shared = ThreadLimits(read: { BLAS.threadCount }, apply: BLAS.setThreadCount)

    /// The open scopes' limits and the thread count before the first opened.
    private struct Scopes {
        var open: [Int] = []
        var unlimited = 0

        /// The thread count the open scopes allow.
        var effective: Int { min(open.min() ?? unlimited, unlimited) }
    }

    private let scopes = Mutex(Scopes())
    private let read: @Sendable () -> Int
    private let apply: @Sendable (Int) -> Void

    /// - Parameters:
    ///   - read: Reads the current thread count (called when the first scope opens).
    ///   - apply: Sets the thread count (OpenBLAS's own setter is thread-safe).
    init(read: @escaping @Sendable () -> Int, apply: @escaping @Sendable (Int) -> Void) {
        self.read = read
        self.apply = apply
    }

    /// Opens a scope limited to `count` threads.
    func open(_ count: Int) {
        scopes.withLock { scopes in
            if scopes.open.isEmpty { scopes.unlimited = read() }
            scopes.open.append(max(1, count))
            apply(scopes.effective)
        }
    }

    /// Closes a scope opened with `count`.
    func close(_ count: Int) {
        scopes.withLock { scopes in
            if let index = scopes.open.firstIndex(of: max(1, count)) { scopes.open.remove(at: index) }
            apply(scopes.effective)
        }
    }

    /// The thread count the open scopes allow.
    var effective: Int { scopes.withLock { $0.effective } }
}
