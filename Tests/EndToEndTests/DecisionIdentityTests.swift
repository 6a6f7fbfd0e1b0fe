import DCNCore
import DCNReportCommand
import Foundation
import RunFormat
import TestSupport
import Testing

/// The start and end decisions are made again identically: the policy's records equal those recorded
/// by 0.5.0 (method version 3), number for number, on a merged, a joint and an input start and runs that
/// kept their start. The judges on the codes have not changed since 0.1.0, before the decision became
/// explicit types: their cuts still equal 0.1.0's records of the same runs (docs/identity-check.sh does the
/// same on whole recordings of the suite). The table runs name `--hidden 500,500,2000`, the network 0.1.0
/// gave a file by default (0.3.0 sizes it to the data), and are trained with `--batch-size 256`, the batch
/// every file had until 0.12.0 sized it to the rows.
@Suite struct DecisionIdentityTests {
    struct Recorded: Decodable {
        struct Run: Decodable {
            let arguments: [String]
            let start: StartChoice
            let outcome: RunOutcome
        }
        let runs: [Run]
    }

    func recorded(_ file: String) throws -> [Recorded.Run] {
        let url = repositoryRoot().appendingPathComponent("Tests/Fixtures/decision").appendingPathComponent(file)
        return try JSONDecoder().decode(Recorded.self, from: Data(contentsOf: url)).runs
    }

    @Test("the policy's start and end records equal the recorded ones (merged, joint and input starts; a kept start); the codes' cuts equal 0.1.0's")
    func decisionsAreTheRecordedOnes() throws {
        let fixtures = repositoryRoot().appendingPathComponent("Tests/Fixtures/decision")
        let runs = try recorded("recorded-decisions.json"), original = try recorded("recorded-decisions-0.1.0.json")
        // The fixtures cover every branch the policy has on data of this size.
        #expect(Set(runs.map(\.start.partition)) == [.merged, .joint, .input])
        #expect(runs.contains { $0.outcome.kept == .start })
        #expect(runs.map(\.arguments) == original.map(\.arguments))
        for (index, (run, old)) in zip(runs, original).enumerated() {
            let out = temporaryDirectory("decision-\(index)")
            let files = run.arguments.map { $0.hasSuffix(".npy") ? fixtures.appendingPathComponent($0).path : $0 }
            let arguments = files + (files.contains("--dataset") ? ["--batch-size", "256"] : [])
            var command = try DCNReport.parseAsRoot(["train", "--quiet", "--out", out.path] + arguments)
            try command.run()
            let manifest = try RecordedRun(directory: out.appendingPathComponent("run")).manifest
            let label = "run \(index) (\(run.arguments.joined(separator: " ")))"
            #expect(manifest.start == run.start, "\(label): start")
            #expect(manifest.outcome == run.outcome, "\(label): outcome")
            #expect(manifest.start?.kmeansCut == old.start.kmeansCut && manifest.start?.mergedCut == old.start.mergedCut, "\(label): the codes' cuts")
            // A kept held partition is the last epoch's labelling; the saved model reproduces part of it.
            if run.outcome.kept == .start, run.outcome.startPartitionScore != nil {
                let agreement = try #require(manifest.outcome?.savedModelAgreement)
                #expect(agreement > 0 && agreement <= 1)
            }
        }
    }
}
