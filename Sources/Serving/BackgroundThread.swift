import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Runs long work (a live report's re-render) on a thread of its own at a lower scheduling priority, so
/// that on a machine with few cores the requests of the pages being served are not held up behind it.
///
/// A new thread per job: a thread's priority, once lowered, cannot be raised again without privileges, so
/// the server's shared worker threads are never touched.
enum BackgroundThread {
    /// How many `nice` steps below its creator's priority the thread runs (nice values go up to 19, the lowest).
    static let niceness: Int32 = 10

    /// Runs `work` on a new low-priority thread and returns its result.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                lowerPriority()
                continuation.resume(with: Result { try work() })
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Lowers the calling thread's priority. On Linux `setpriority` given a thread id sets that one
    /// thread's nice value; the id is read from `/proc/thread-self` ("PID/task/TID"), as the C library's
    /// `gettid` is not visible to Swift. Elsewhere, or when that fails, the thread keeps its priority.
    private static func lowerPriority() {
        #if os(Linux)
            guard let tid = currentThreadID(), let current = currentNiceness() else { return }
            // `setpriority` sets a value, not an increment: its nice value goes `niceness` above the one it inherited.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid, min(current + niceness, 19))
        #endif
    }

    /// The calling thread's nice value, where it can be read (Linux).
    static func currentNiceness() -> Int32? {
        #if os(Linux)
            guard let tid = currentThreadID() else { return nil }
            errno = 0
            let value = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid)
            return errno == 0 ? value : nil
        #else
            return nil
        #endif
    }

    #if os(Linux)
        private static func currentThreadID() -> id_t? {
            var buffer = [CChar](repeating: 0, count: 64)
            let length = readlink("/proc/thread-self", &buffer, buffer.count - 1)
            guard length > 0 else { return nil }
            return id_t(String(cString: buffer).split(separator: "/").last ?? "")
        }
    #endif
}
