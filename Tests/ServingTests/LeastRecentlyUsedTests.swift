@testable import Serving
import Testing

/// Every cache the server keeps is bounded by ``LeastRecentlyUsed``.
@Suite("Least recently used")
struct LeastRecentlyUsedTests {
    @Test("keeps at most its limit, dropping the entry used longest ago, and hands back what it dropped")
    func dropsTheLeastRecentlyUsed() {
        var cache = LeastRecentlyUsed<Int>(limit: 2)
        #expect(cache.set("a", 1).isEmpty && cache.set("b", 2).isEmpty)
        #expect(cache.use("a") == 1)  // now b is the least recently used
        let dropped = cache.set("c", 3)
        #expect(dropped.map(\.key) == ["b"] && dropped.map(\.value) == [2])
        #expect(cache.count == 2 && cache.peek("b") == nil && cache.peek("a") == 1 && cache.peek("c") == 3)
    }

    @Test("peek and update do not count as a use; setting a key again replaces its value")
    func peekAndUpdateLeaveTheOrder() {
        var cache = LeastRecentlyUsed<Int>(limit: 2)
        cache.set("a", 1)
        cache.set("b", 2)
        #expect(cache.peek("a") == 1)
        cache.update("a") { $0 += 10 }
        cache.update("missing") { $0 = 99 }
        #expect(cache.peek("a") == 11 && cache.peek("missing") == nil)
        #expect(cache.set("b", 20).isEmpty && cache.peek("b") == 20)
        #expect(cache.set("c", 3).map(\.key) == ["a"])  // a was set first and only peeked at since
    }
}
