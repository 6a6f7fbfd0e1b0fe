import Foundation
@testable import Serving
@testable import ServingRules
import Testing
import TestSupport

@Suite("Paths a request may name")
struct RequestPathTests {
    @Test("plain names resolve under the folder; traversal, encoded traversal, separators and symlinks out of it do not")
    func onlyPathsInsideResolve() throws {
        let root = RequestPath.resolvedRoot(temporaryDirectory("paths"))
        let outside = temporaryDirectory("outside")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("runs/a b"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("escape"), withDestinationURL: outside)
        #expect(RequestPath.resolve(["runs", "a%20b"], under: root)?.path == root.appendingPathComponent("runs/a b").path)
        #expect(
            RequestPath.resolve(["runs", "not-yet"], under: root)?.path == root.appendingPathComponent("runs/not-yet").path,
            "a path that does not exist yet still resolves inside the folder")
        for refused: [Substring] in [["..", "etc"], ["%2e%2e", "etc"], ["runs%2F..%2F.."], ["a%00b"], ["a%5Cb"], [""], ["escape"], ["escape", "file"]]
        {
            #expect(RequestPath.resolve(refused, under: root) == nil, "\(refused)")
        }
    }

    @Test("a live frame's name gives its epoch; anything else gives none")
    func liveFrameNames() {
        #expect(RunServer.liveFrameEpoch("epoch_0004.png") == 4 && RunServer.liveFrameEpoch("epoch_123456.png") == 123_456)
        for name: Substring in ["epoch_.png", "epoch_1234567.png", "epoch_-1.png", "epoch_12.pngx", "xepoch_1.png", "epoch_1a.png", "epoch_١.png"] {
            #expect(RunServer.liveFrameEpoch(name) == nil, "\(name)")
        }
    }
}
