@testable import Serving
import Testing

/// A live re-render must not hold up the requests of the pages being served.
@Suite("Renders run at a lower priority than requests")
struct BackgroundThreadTests {
    @Test("a background job runs on its own thread at a higher nice value than its caller, and hands back its result or error")
    func backgroundJobIsNicer() async throws {
        #if os(Linux)
            let caller = try #require(BackgroundThread.currentNiceness())
            let job = try await BackgroundThread.run { BackgroundThread.currentNiceness() }
            #expect(job == min(caller + BackgroundThread.niceness, 19))
            // The caller's own priority is unchanged.
            #expect(BackgroundThread.currentNiceness() == caller)
        #endif
        struct Failure: Error {}
        await #expect(throws: Failure.self) { try await BackgroundThread.run { throw Failure() } }
    }
}
