import Foundation
@testable import NeuralNetwork
import Testing

@Suite("Two-core split")
struct TwoCoreSplitTests {
    /// What each half records: which thread ran it, and the range it covered.
    struct Record {
        var threads: (UInt, UInt) = (0, 0)
        var ranges: (Range<Int>, Range<Int>) = (0..<0, 0..<0)
        var count: Int
    }

    @Test("half 0 runs on the caller, half 1 on the helper thread, and the halves cover the range once")
    func halvesRunOnTwoThreads() {
        let split = TwoCoreSplit()  // a private helper, so no other test can be using it
        var record = Record(count: 1_000_003)
        withUnsafeMutablePointer(to: &record) { pointer in
            split.run(
                { arguments, half in
                    let record = UnsafeMutablePointer(mutating: arguments.assumingMemoryBound(to: Record.self))
                    let range = TwoCoreSplit.range(half: half, of: record.pointee.count)
                    if half == 0 {
                        record.pointee.threads.0 = UInt(pthread_self())
                        record.pointee.ranges.0 = range
                    } else {
                        record.pointee.threads.1 = UInt(pthread_self())
                        record.pointee.ranges.1 = range
                    }
                }, UnsafeRawPointer(pointer))
        }
        #expect(record.threads.0 == UInt(pthread_self()))
        #expect(record.threads.1 != 0 && record.threads.1 != record.threads.0)
        #expect(record.ranges.0.lowerBound == 0 && record.ranges.0.upperBound == record.ranges.1.lowerBound)
        #expect(record.ranges.1.upperBound == 1_000_003)
        #expect(record.ranges.0.upperBound % 16 == 0)  // the second half starts on a 16-lane boundary
    }
}
