import Foundation

/// The open ``BLAS/withThreadCount(atMost:_:)`` scopes of the process and the OpenBLAS thread
/// count they imply.
// @unchecked Sendable: every access to the mutable state goes through `lock`; the two closures are
// set once at creation and call OpenBLAS's own thread-safe getter and setter.
final class ThreadLimits: @unchecked Sendable {
    static let shared = ThreadLimits(read: { BLAS.threadCount }, apply: BLAS.setThreadCount)

    private let lock = NSLock()
    private var open: [Int] = []
    private var unlimited = 0
    private let read: () -> Int
    private let apply: (Int) -> Void

    /// - Parameters:
    ///   - read: Reads the current thread count (called when the first scope opens).
    ///   - apply: Sets the thread count.
    init(read: @escaping () -> Int, apply: @escaping (Int) -> Void) {
        self.read = read
        self.apply = apply
    }

    /// Opens a scope limited to `count` threads.
    func open(_ count: Int) {
        lock.lock()
        defer { lock.unlock() }
        if open.isEmpty { unlimited = read() }
        open.append(max(1, count))
        apply(effective)
    }

    /// Closes a scope opened with `count`.
    func close(_ count: Int) {
        lock.lock()
        defer { lock.unlock() }
        if let index = open.firstIndex(of: max(1, count)) { open.remove(at: index) }
        apply(effective)
    }

    /// The thread count the open scopes allow.
    var effective: Int { min(open.min() ?? unlimited, unlimited) }
}
