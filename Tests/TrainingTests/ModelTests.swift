import DCNMath
import Datasets
import Foundation
import TestSupport
import Testing
import Training
import DCNCore
import RunFormat

@Suite("The DCN library API and saved models")
struct ModelTests {
    func configuration() -> DCNConfiguration {
        var c = DCNConfiguration()
        c.pretrainEpochs = 3
        c.epochs = 2
        c.kmeansRestarts = 2
        return c
    }

    @Test(
        "fit, assign, save, load: the loaded model encodes and assigns exactly as the trained one",
        arguments: [false, true])
    func saveLoadRoundTrip(batchNormalization: Bool) throws {
        let data = SyntheticDataset(pointsPerCluster: 40).generate(seed: 3)
        var configuration = configuration()
        configuration.batchNormalization = batchNormalization
        configuration.optimizer = batchNormalization ? .sgd : .adam
        // DCN's own labelling is the model's; a kept held partition is not all nearest-centre cells
        // (SafetyNetTests).
        configuration.keepBetter = false
        let dcn = DCN(configuration: configuration, scaling: .standardize)
        let last = try dcn.fit(data.features, labels: data.labels)
        let assigned = try dcn.assign(data.features)
        #expect(assigned == last.assignments)
        let url = temporaryDirectory().appendingPathComponent("model.dcn")
        try dcn.save(to: url)
        let loaded = try DCN.load(from: url)
        #expect(try loaded.assign(data.features) == assigned)
        #expect(try loaded.encode(data.features) == (try dcn.encode(data.features)))
        #expect(loaded.configuration == configuration)
    }

    @Test("pretrain then fit equals one fit")
    func pretrainThenFit() throws {
        let data = SyntheticDataset(pointsPerCluster: 30).generate(seed: 4)
        let a = DCN(configuration: configuration())
        try a.pretrain(data.features)
        let aLast = try a.fit(data.features)
        let bLast = try DCN(configuration: configuration()).fit(data.features)
        #expect(aLast.latent == bLast.latent)
    }

    @Test("a model refuses data of another width, a corrupt or foreign file (naming it) and an unfitted use")
    func errors() throws {
        let data = SyntheticDataset(pointsPerCluster: 20).generate(seed: 1)
        let dcn = DCN(configuration: configuration())
        #expect(throws: TrainingError.notTrained) { try dcn.assign(data.features) }
        try dcn.fit(data.features)
        #expect { try dcn.assign(Matrix(rows: 2, columns: 3)) } throws: { error in
            guard case TrainingError.unusableData(let message) = error else { return false }
            return message.contains("3 columns")
        }
        let url = temporaryDirectory().appendingPathComponent("m.dcn")
        try dcn.save(to: url)
        var bytes = try Data(contentsOf: url)
        bytes.removeLast(10)
        try bytes.write(to: url)
        // File problems are the model file's errors, naming the file, not the trainer's.
        #expect { try DCN.load(from: url) } throws: { error in
            (error as? RecordingError).map { $0.path == url.path && $0.problem.contains("bytes of weights") } ?? false
        }
        try Data("not a model".utf8).write(to: url)
        #expect { try DCN.load(from: url) } throws: { error in
            (error as? RecordingError)?.problem == "not a dcn-report model file"
        }
    }

    @Test("a log-scaled model refuses negative values, in training and in new data, naming where they are")
    func logScaledModelRefusesNegatives() throws {
        var data = SyntheticDataset(pointsPerCluster: 20).generate(seed: 2).features
        for index in data.values.indices { data.values[index] = abs(data.values[index]) }
        let dcn = DCN(configuration: configuration(), scaling: .log)
        try dcn.fit(data)
        var shifted = data
        shifted.values[data.columns + 2] = -1
        #expect { try dcn.assign(shifted) } throws: { error in
            guard case TrainingError.unusableData(let message) = error else { return false }
            return message.contains("data row 2, column 3") && message.contains("values ≥ 0")
        }
        #expect { try DCN(configuration: configuration(), scaling: .log).fit(shifted) } throws: { error in
            guard case TrainingError.unusableData(let message) = error else { return false }
            return message.contains("row 2, column 3")
        }
    }

    @Test("a model header whose layer sizes overflow when multiplied is refused in one line, not trapped on")
    func absurdLayerSizes() throws {
        let url = temporaryDirectory().appendingPathComponent("m.dcn")
        let data = SyntheticDataset(pointsPerCluster: 10).generate(seed: 1)
        let dcn = DCN(configuration: configuration())
        _ = try dcn.fit(data.features)
        try dcn.save(to: url)
        let bytes = [UInt8](try Data(contentsOf: url))
        let headerLength = Int(bytes[12]) | Int(bytes[13]) << 8 | Int(bytes[14]) << 16 | Int(bytes[15]) << 24
        var header = String(decoding: bytes[16..<(16 + headerLength)], as: UTF8.self)
        // The first layer's [in, out] becomes [2⁶², 2⁶²]: each fits an Int, their product does not.
        let huge = "[4611686018427387904,4611686018427387904]"
        let first = try #require(header.range(of: #"\[\d+,\d+\]"#, options: .regularExpression))
        header.replaceSubrange(first, with: huge)
        var patched = Array(bytes[0..<12])
        let length = header.utf8.count
        patched += [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24 & 0xFF)]
        patched += Array(header.utf8) + Array(bytes[(16 + headerLength)...])
        try Data(patched).write(to: url)
        #expect { try DCN.load(from: url) } throws: { error in
            (error as? RecordingError).map { $0.problem.contains("more than can be counted") } ?? false
        }
    }

    @Test("a configuration missing newer keys decodes with defaults")
    func lenientDecoding() throws {
        let json = #"{"clusterCount": 3, "lambda": 0.5}"#
        let c = try JSONDecoder().decode(DCNConfiguration.self, from: Data(json.utf8))
        #expect(c.clusterCount == 3 && c.lambda == 0.5 && c.batchSize == DCNConfiguration().batchSize)
    }
}
