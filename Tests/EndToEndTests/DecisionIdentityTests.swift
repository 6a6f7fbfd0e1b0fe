import DCNCore
import DCNReportCommand
import Foundation
import RunFormat
import TestSupport
import Testing

/// The start and end decisions of runs recorded by 0.1.0, before the decision became explicit types, are
/// made again identically: the policy's records equal the old code's, number for number, on a merged, a
/// joint and an input start and a run that kept its start (docs/identity-check.sh does the same on whole
/// recordings of the suite). Since method version 2 the end's challenger is the start's own partition,
/// judged by the cut alone: every judged number is still 0.1.0's, and what the run keeps follows the new
/// rule applied to those numbers. The table runs name `--hidden 500,500,2000`, the network 0.1.0 gave a file by
/// default (0.3.0 sizes it to the data).
@Suite struct DecisionIdentityTests {
    struct Recorded: Decodable {
        struct Run: Decodable {
            let arguments: [String]
            let start: StartChoice
            let outcome: RunOutcome
        }
        let runs: [Run]
    }

    @Test("the policy's start and end records equal 0.1.0's on recorded runs (merged, joint and input starts; a kept start)")
    func decisionsAreTheRecordedOnes() throws {
        let fixtures = repositoryRoot().appendingPathComponent("Tests/Fixtures/decision")
        let recorded = try JSONDecoder().decode(Recorded.self, from: Data(contentsOf: fixtures.appendingPathComponent("recorded-decisions.json")))
        // The fixtures cover every branch the policy has on data of this size.
        #expect(Set(recorded.runs.map(\.start.partition)) == [.merged, .joint, .input])
        #expect(recorded.runs.contains { $0.outcome.kept == .start })
        for (index, run) in recorded.runs.enumerated() {
            let out = temporaryDirectory("decision-\(index)")
            let arguments = run.arguments.map { $0.hasSuffix(".npy") ? fixtures.appendingPathComponent($0).path : $0 }
            var command = try DCNReport.parseAsRoot(["train", "--quiet", "--out", out.path] + arguments)
            try command.run()
            let manifest = try RecordedRun(directory: out.appendingPathComponent("run")).manifest
            #expect(manifest.start == run.start, "run \(index) (\(run.arguments.joined(separator: " "))): start")
            var expected = run.outcome
            expected.challenger = .startPartition
            expected.kept = expected.dcnWorseThanStart ? .start : .dcn
            expected.savedModelAgreement = manifest.outcome?.savedModelAgreement
            #expect(manifest.outcome == expected, "run \(index) (\(run.arguments.joined(separator: " "))): outcome")
            // A kept held partition is the last epoch's labelling; the saved model reproduces part of it.
            if expected.kept == .start, expected.startPartitionScore != nil {
                let agreement = try #require(manifest.outcome?.savedModelAgreement)
                #expect(agreement > 0 && agreement <= 1)
            }
        }
    }
}
