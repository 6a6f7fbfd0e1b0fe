import Foundation
import RunFormat
import Runs
import Testing
import TestSupport

/// The runs page reads each `run.json` with ``RunListingEntry``: the last epoch in full, the others as
/// number and folder, under the same checks as the full reader.
@Suite("Reading a run for a listing")
struct RunListingEntryTests {
    /// A small recorded run and its manifest as JSON to edit.
    func recordedRun() throws -> (run: URL, json: [String: Any]) {
        var request = RunRequest()
        request.pointsPerCluster = 20
        request.pretrainEpochs = 1
        request.epochs = 3
        request.quiet = true
        request.out = temporaryDirectory("listing").path
        _ = try request.train()
        let run = URL(fileURLWithPath: request.out!).appendingPathComponent("run")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("run.json"))) as? [String: Any])
        return (run, json)
    }

    func write(_ json: [String: Any], to run: URL) throws {
        try JSONSerialization.data(withJSONObject: json).write(to: run.appendingPathComponent("run.json"))
    }

    @Test("reads what the full reader reads: name, status, every epoch's number and folder, the last epoch in full, the settings as text")
    func agreesWithTheManifest() throws {
        let (run, _) = try recordedRun()
        let manifest = try RecordedRun.readManifest(in: run).manifest
        let entry = try RunListingEntry.read(in: run)
        #expect(entry.name == manifest.name && entry.status == manifest.status && entry.dataset == manifest.dataset)
        #expect(entry.epochs.map(\.epoch) == manifest.epochs.map(\.epoch) && entry.epochs.map(\.path) == manifest.epochs.map(\.path))
        #expect(entry.lastEpoch == manifest.epochs.last)
        #expect(entry.summary == manifest.summary && entry.configuration == manifest.configuration)
        #expect(entry.settingTexts["epochs"] == "3" && entry.settingTexts["hiddenLayers"] == "100-50-10" && entry.settingTexts["keepBetter"] == "yes")
        let available = try #require(entry.lastAvailableEpoch(in: run))
        #expect(available.epoch == 3 && available.isLast)
        // The last epoch's arrays gone (a writer killed between the two): the one before is available.
        try FileManager.default.removeItem(at: run.appendingPathComponent("epochs/0003"))
        #expect(entry.lastAvailableEpoch(in: run).map { [$0.epoch] } == [2] && entry.lastAvailableEpoch(in: run)?.isLast == false)
    }

    @Test("a last epoch with the wrong number of cluster sizes, or epochs out of order, is refused naming run.json")
    func checksWhatItReads() throws {
        let (run, json) = try recordedRun()
        var epochs = try #require(json["epochs"] as? [[String: Any]])
        var wrongSizes = json
        epochs[epochs.count - 1]["clusterSizes"] = [1, 2]
        wrongSizes["epochs"] = epochs
        try write(wrongSizes, to: run)
        #expect(throws: RecordingError.self) { try RunListingEntry.read(in: run) }
        #expect((try? RunListingEntry.read(in: run)) == nil)
        do { _ = try RunListingEntry.read(in: run) } catch {
            #expect("\(error)".contains("run.json") && "\(error)".contains("cluster sizes for k = 4"), "\(error)")
        }
        var outOfOrder = json
        var swapped = try #require(json["epochs"] as? [[String: Any]])
        swapped.swapAt(1, 2)
        outOfOrder["epochs"] = swapped
        try write(outOfOrder, to: run)
        do { _ = try RunListingEntry.read(in: run); Issue.record("epochs out of order were read") } catch {
            #expect("\(error)".contains("increasing order"), "\(error)")
        }
    }
}
