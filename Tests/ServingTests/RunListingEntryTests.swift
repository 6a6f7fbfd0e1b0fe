import Foundation
@testable import RunFormat
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
        // Epoch 3, or 4 when the run kept its start (recorded as one more epoch).
        let last = try #require(manifest.epochs.last)
        #expect(last.epoch == (manifest.outcome?.kept == .start ? 4 : 3))
        #expect(available.epoch == last.epoch && available.isLast)
        // The last epoch's arrays gone (a writer killed between the two): the one before is available.
        try FileManager.default.removeItem(at: run.appendingPathComponent(last.path))
        #expect(
            entry.lastAvailableEpoch(in: run).map { [$0.epoch] } == [last.epoch - 1] && entry.lastAvailableEpoch(in: run)?.isLast == false)
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
        do {
            _ = try RunListingEntry.read(in: run)
            Issue.record("epochs out of order were read")
        } catch {
            #expect("\(error)".contains("increasing order"), "\(error)")
        }
    }
}

/// The listing's shortcut must read exactly what the full document says.
@Suite("Shortening a run.json for a listing")
struct RunJSONOutlineTests {
    @Test(
        "a recorded run.json, pretty-printed or compact, lists the same with and without the shortcut; the shortcut drops what a listing does not read"
    )
    func shortcutAgrees() throws {
        let (run, json) = try RunListingEntryTests().recordedRun()
        let file = run.appendingPathComponent("run.json")
        for options: JSONSerialization.WritingOptions in [[.prettyPrinted, .sortedKeys], [.withoutEscapingSlashes]] {
            let data = try JSONSerialization.data(withJSONObject: json, options: options)
            try data.write(to: file)
            let short = try #require(RunJSONOutline.listing(data))
            #expect(short.document.count * 2 < data.count, "\(short.document.count) of \(data.count) bytes")
            let shortJSON = try #require(try JSONSerialization.jsonObject(with: short.document) as? [String: Any])
            #expect(shortJSON["pretraining"] == nil && shortJSON["baselines"] == nil && shortJSON["name"] as? String == json["name"] as? String)
            let epochs = try #require(json["epochs"] as? [[String: Any]])
            let shortEpochs = try #require(shortJSON["epochs"] as? [[String: Any]])
            #expect(shortEpochs.count == 1 && NSDictionary(dictionary: shortEpochs[0]).isEqual(to: epochs.last ?? [:]))
            #expect(short.precedingEpochs.map(\.epoch) == epochs.dropLast().map { $0["epoch"] as? Int })
            #expect(short.precedingEpochs.map(\.path) == epochs.dropLast().map { $0["path"] as? String })
            let entry = try RunListingEntry.read(in: run)
            let manifest = try RecordedRun.readManifest(in: run).manifest
            #expect(entry.epochs.map(\.epoch) == manifest.epochs.map(\.epoch) && entry.epochs.map(\.path) == manifest.epochs.map(\.path))
            #expect(entry.lastEpoch == manifest.epochs.last)
            #expect(entry.configuration == manifest.configuration && entry.summary == manifest.summary && entry.dataset == manifest.dataset)
        }
    }

    @Test("strings with escaped quotes and brackets are scanned as strings; a document it cannot outline is left to the decoder")
    func escapesAndBrokenDocuments() throws {
        let tricky = Data(
            #"{"name": "a \"quoted\" {[name", "epochs": [{"epoch": 0, "path": "e/0", "note": "]}"}, {"epoch": 1, "path": "e/1"}], "baselines": [1]}"#
                .utf8)
        let short = try #require(RunJSONOutline.listing(tricky))
        #expect(String(decoding: short.document, as: UTF8.self) == #"{"name":"a \"quoted\" {[name","epochs":[{"epoch": 1, "path": "e/1"}]}"#)
        #expect(short.precedingEpochs.map(\.epoch) == [0] && short.precedingEpochs.map(\.path) == ["e/0"])
        // JSONEncoder's escaped slashes are read.
        let escapedSlash = try #require(RunJSONOutline.listing(Data(#"{"epochs": [{"epoch": 2, "path": "epochs\/0002"}, {}]}"#.utf8)))
        #expect(escapedSlash.precedingEpochs.map(\.path) == ["epochs/0002"])
        for broken in [
            #"{"name": "x", "epochs": [{"epoch": 0"#, #"{"name": "x"} trailing"#, "[1, 2]", "",
            #"{"epochs": [{"epoch": 0.5, "path": "e/0"}, {}]}"#, #"{"epochs": [{"epoch": 0, "path": "e\u002f0"}, {}]}"#,
            #"{"epochs": [{"path": "e/0"}, {}]}"#, #"{"epochs": [3, {}]}"#
        ] {
            #expect(RunJSONOutline.listing(Data(broken.utf8)) == nil, "\(broken)")
        }
    }

    @Test("a truncated run.json is refused with the full reader's message")
    func truncatedFileIsRefused() throws {
        let (run, json) = try RunListingEntryTests().recordedRun()
        let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted])
        try data.prefix(data.count / 2).write(to: run.appendingPathComponent("run.json"))
        let listing = Result { try RunListingEntry.read(in: run) }, full = Result { try RecordedRun.readManifest(in: run) }
        guard case .failure(let listingError) = listing, case .failure(let fullError) = full else {
            Issue.record("a truncated run.json was read")
            return
        }
        #expect("\(listingError)" == "\(fullError)")
    }
}
