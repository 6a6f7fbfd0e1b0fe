import Foundation
import RunFormat
import TestSupport
import Testing
@testable import Report

@Suite("The report's line on refills")
struct RefillWarningTests {
    func manifest(refills: [Int: [Int]]) throws -> RunManifest {
        let url = repositoryRoot().appendingPathComponent("Tests/Fixtures/corrupt-runs/valid/run/run.json")
        var manifest = try JSONDecoder().decode(RunManifest.self, from: Data(contentsOf: url))
        for index in manifest.epochs.indices { manifest.epochs[index].refilledClusters = refills[manifest.epochs[index].epoch] }
        return manifest
    }

    @Test("no refill, no line; a refill at the start blames the start, one after an epoch the clustering weight")
    func refillWarningNamesWhenAndWhy() throws {
        #expect(ReportPage.refillWarning(try manifest(refills: [:])) == nil)
        let atStart = try #require(ReportPage.refillWarning(try manifest(refills: [0: [2]])))
        #expect(atStart.contains("(at the start)") && atStart.contains("outlying samples") && !atStart.contains("λ"))
        let later = try #require(ReportPage.refillWarning(try manifest(refills: [0: [2], 2: [1]])))
        #expect(later.contains("(at the start, after epoch 2)") && later.contains("λ = 1 may be too large"))
    }
}
