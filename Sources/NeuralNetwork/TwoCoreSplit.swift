import Dispatch
import Foundation
import Synchronization

/// Runs the two halves of large element-wise work (ReLU over a 256 × 2000 batch, Adam over a
/// 500 × 2000 layer) on two cores, with one long-lived helper thread.
///
/// Why not `DispatchQueue.concurrentPerform`: it allocates on every call, and the training loop
/// promises no allocation per step. The work is a C-convention function (it cannot capture, so
/// nothing is allocated) plus a pointer to its arguments on the caller's stack. The helper blocks
/// on a semaphore between calls (no spinning), so it costs nothing when idle; a call pays one
/// wake-up, which only work of a few hundred microseconds should pay. Each half is computed exactly
/// as it would be inline, so results never depend on which thread ran it.
// @unchecked Sendable: the stored semaphores are thread-safe, and the work pointer is written by the
// caller before it signals the helper and read by the helper only between that signal and its own
// completion signal, which the caller waits for: the semaphores order every access.
final class TwoCoreSplit: @unchecked Sendable {
    /// One half of the work: `(arguments, half)` with `half` 0 or 1.
    typealias Half = @convention(c) (UnsafeRawPointer, Int) -> Void

    /// The process-wide helper.
    static let shared = TwoCoreSplit()

    private let start = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    /// Held by the thread currently using the helper; other threads run both halves themselves.
    private let inUse = Mutex(())
    /// The current call's work; written before `start.signal()`, read by the helper after `start.wait()`.
    private var work: Half?
    private var arguments: UnsafeRawPointer?

    /// Starts a helper thread; use ``shared`` (tests make their own). The thread keeps the helper
    /// alive for the rest of the process, blocked on its semaphore when idle.
    init() {
        let thread = Thread { [self] in
            while true {
                start.wait()
                work?(arguments!, 1)
                done.signal()
            }
        }
        thread.name = "dcn-two-core-split"
        thread.start()
    }

    /// Runs half 0 on the calling thread and half 1 on the helper; returns when both are done.
    /// - Parameters:
    ///   - work: The work; must not capture anything.
    ///   - arguments: What `work` reads, valid until this call returns.
    func run(_ work: Half, _ arguments: UnsafeRawPointer) {
        let usedHelper: Void? = inUse.withLockIfAvailable { _ in
            self.work = work
            self.arguments = arguments
            start.signal()
            work(arguments, 0)
            done.wait()
        }
        if usedHelper == nil {
            work(arguments, 0)
            work(arguments, 1)
        }
    }

    /// The range of half `half` (0 or 1) of `0..<count`, split at a multiple of 16 elements.
    static func range(half: Int, of count: Int) -> Range<Int> {
        let middle = min(count, ((count + 1) / 2 + 15) / 16 * 16)
        return half == 0 ? 0..<middle : middle..<count
    }
}
