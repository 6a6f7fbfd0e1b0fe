public import DCNCore
public import Foundation

/// What a list of many runs needs from one `run.json`: its name, tool, status, settings, data set, summary
/// and its last epoch in full, with every other epoch read as its number and folder alone.
///
/// A run's `run.json` is mostly its per-epoch entries (losses, metrics, cluster sizes) and pretraining
/// losses; a runs page of a thousand runs needs only the last epoch's, and decoding the others in full
/// took about two thirds of a first listing. The same checks as ``RecordedRun`` apply to what is read.
public struct RunListingEntry: Sendable {
    /// The tool that wrote the folder.
    public var tool: ToolInfo
    /// `running`, `complete`, `diverged`, `interrupted` or `failed`.
    public var status: RunStatus
    /// The run's name.
    public var name: String
    /// The recorded settings.
    public var configuration: RecordedConfiguration
    /// Each recorded setting as short text, keyed as in `run.json` (lists joined with `-`, flags as yes/no).
    public var settingTexts: [String: String]
    /// What was clustered.
    public var dataset: DatasetInfo
    /// Final results, when the run ended.
    public var summary: RunSummary?
    /// Every listed epoch's number and folder, in order.
    public var epochs: [(epoch: Int, path: String)]
    /// The last listed epoch in full.
    public var lastEpoch: EpochEntry?

    /// Reads and checks a run folder's `run.json` for a listing.
    /// - Throws: ``RecordingError`` for a missing or malformed `run.json`.
    public static func read(in directory: URL) throws -> RunListingEntry {
        let (entry, _, file) = try RecordedRun.decodeRunJSON(RunListingEntry.self, in: directory) { data in
            RunJSONOutline.listing(data).map { ($0.document, [precedingEpochsKey: PrecedingEpochs(marks: $0.precedingEpochs)]) }
        }
        let k = entry.configuration.clusterCount, samples = entry.dataset.samples
        try RunFolderChecks.checkHeader(clusterCount: k, latentDimensions: entry.configuration.latentDimensions, dataset: entry.dataset, file: file)
        try RunFolderChecks.checkOrder(of: entry.epochs, file: file)
        if let last = entry.lastEpoch {
            try RunFolderChecks.checkSizes(
                last.clusterSizes, of: "epochs[\(entry.epochs.count - 1)] (epoch \(last.epoch))", k: k, samples: samples, file: file)
        }
        return entry
    }

    /// The last listed epoch whose arrays are present in `directory`, and whether it is ``lastEpoch`` (the
    /// only one read in full); looking from the end, so a complete run costs one file check.
    public func lastAvailableEpoch(in directory: URL) -> (epoch: Int, path: String, isLast: Bool)? {
        guard
            let index = epochs.lastIndex(where: {
                FileManager.default.fileExists(atPath: directory.appendingPathComponent($0.path).appendingPathComponent("latent.npy").path)
            })
        else { return nil }
        return (epochs[index].epoch, epochs[index].path, index == epochs.count - 1)
    }
}

extension RunListingEntry: Decodable {
    enum CodingKeys: String, CodingKey {
        case tool, status, name, configuration, dataset, epochs, summary
    }

    /// The epochs before the last, read by ``RunJSONOutline`` and handed to the decoder, whose `epochs` then
    /// holds the last entry alone.
    struct PrecedingEpochs: Sendable {
        let marks: [(epoch: Int, path: String)]
    }
    static let precedingEpochsKey = CodingUserInfoKey(rawValue: "dcnReport.precedingEpochs")!

    /// An epoch's number and folder, all a listing reads of any epoch but the last.
    struct EpochMark: Decodable {
        let epoch: Int
        let path: String
    }

    /// One JSON value as text, decoded by trying each kind in turn.
    struct SettingText: Decodable {
        let text: String
        init(from decoder: Decoder) throws {
            // Most settings are numbers, so they are tried first: every failed attempt costs an error.
            let value = try decoder.singleValueContainer()
            if let number = try? value.decode(Double.self) {
                text = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
                return
            }
            if let string = try? value.decode(String.self) {
                text = string
                return
            }
            if let flag = try? value.decode(Bool.self) {
                text = flag ? "yes" : "no"
                return
            }
            text = (try? value.decode([SettingText].self))?.map(\.text).joined(separator: "-") ?? ""
        }
    }

    /// Decodes the keys a listing needs, with the defaults ``RunManifest`` gives absent ones.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        configuration = try c.decode(RecordedConfiguration.self, forKey: .configuration)
        settingTexts = try c.decode([String: SettingText].self, forKey: .configuration).mapValues(\.text)
        dataset = try c.decode(DatasetInfo.self, forKey: .dataset)
        tool = try c.decodeIfPresent(ToolInfo.self, forKey: .tool) ?? ToolInfo()
        status = try c.decodeIfPresent(RunStatus.self, forKey: .status) ?? .running
        summary = try c.decodeIfPresent(RunSummary.self, forKey: .summary)
        var list = try c.nestedUnkeyedContainer(forKey: .epochs)
        var marks = (decoder.userInfo[Self.precedingEpochsKey] as? PrecedingEpochs)?.marks ?? []
        lastEpoch = nil
        while !list.isAtEnd {
            // The count is known for JSON; without it every entry is read in full.
            if let count = list.count, list.currentIndex < count - 1 {
                let mark = try list.decode(EpochMark.self)
                marks.append((mark.epoch, mark.path))
            } else {
                let entry = try list.decode(EpochEntry.self)
                marks.append((entry.epoch, entry.path))
                lastEpoch = entry
            }
        }
        epochs = marks
    }
}
