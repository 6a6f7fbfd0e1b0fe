import Dispatch

/// Runs `body` over `0..<count` in contiguous chunks on all cores. Each index belongs to exactly one
/// chunk and results are written per index, so the outcome never depends on the scheduling.
func parallelChunks(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
    let chunks = min(count, 64)
    guard chunks > 1 else {
        body(0..<count)
        return
    }
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        body((chunk * count / chunks)..<((chunk + 1) * count / chunks))
    }
}

/// A buffer the chunks of ``parallelChunks(_:_:)`` share.
// @unchecked Sendable: chunks only read it, or write indices no other chunk touches, and
// parallelChunks returns only after every chunk has finished; the owner keeps the memory alive
// for that whole call.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) { base = buffer.baseAddress! }
    init(_ buffer: UnsafeBufferPointer<Element>) { base = UnsafeMutablePointer(mutating: buffer.baseAddress!) }

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}
