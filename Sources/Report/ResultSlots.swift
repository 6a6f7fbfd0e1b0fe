import CairoRendering
import Foundation

/// Thread-safe result slots for parallel work.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, Error>?]
    private var completed = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, Error>) {
        lock.lock(); slots[index] = result; lock.unlock()
    }

    func get(_ index: Int) throws -> Value {
        lock.lock(); defer { lock.unlock() }
        guard let result = slots[index] else { throw RenderError("frame \(index) was not rendered") }
        return try result.get()
    }

    func increment() -> Int {
        lock.lock(); defer { lock.unlock() }
        completed += 1
        return completed
    }
}
