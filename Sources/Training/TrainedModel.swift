public import DCNMath
public import Datasets
import Foundation
public import Network

/// A trained DCN: configuration, input scaling, network weights and cluster centres, saved to and
/// loaded from one file, so new data can be clustered without retraining.
///
/// File format (little-endian): the 8 bytes `DCNMODEL`, a `UInt32` format version (1), a `UInt32`
/// header length, a JSON header (``Header``), then every layer's weights and biases (encoder first,
/// then decoder) and the centres as raw float32, in the order and shapes the header lists.
public final class TrainedModel {
    /// Settings the model was trained with.
    public let configuration: DCNConfiguration
    /// The scaling fitted to the training data; applied to new data before encoding.
    public let scaling: FittedScaling
    /// The network.
    public let autoencoder: Autoencoder
    /// Cluster centres, `k × latentDimensions`.
    public let centers: Matrix

    /// Wraps trained parts.
    public init(configuration: DCNConfiguration, scaling: FittedScaling, autoencoder: Autoencoder, centers: Matrix) {
        self.configuration = configuration
        self.scaling = scaling
        self.autoencoder = autoencoder
        self.centers = centers
    }

    /// The codes f(x) of raw (unscaled) samples.
    /// - Parameter data: Samples as rows, with the training data's width.
    /// - Returns: `n × latentDimensions`.
    /// - Throws: ``TrainingError/invalidConfiguration(_:)`` when the width differs.
    public func encode(_ data: Matrix) throws -> Matrix {
        guard data.columns == autoencoder.inputDimensions else {
            throw TrainingError.invalidConfiguration(
                "the data has \(data.columns) columns but the model was trained on \(autoencoder.inputDimensions)")
        }
        var scaled = data
        scaling.apply(to: &scaled)
        // The thread count training used, so the codes match the recording bit for bit.
        return BLASThreadPolicy.run(for: autoencoder, batchSize: configuration.batchSize) { autoencoder.encode(scaled) }
    }

    /// The nearest centre of each raw sample's code.
    /// - Parameter data: Samples as rows.
    /// - Returns: Cluster per sample.
    /// - Throws: ``TrainingError/invalidConfiguration(_:)`` when the width differs.
    public func assign(_ data: Matrix) throws -> [Int32] {
        let codes = try encode(data)
        return codes.rows == 0 ? [] : nearest(codes)
    }

    private func nearest(_ codes: Matrix) -> [Int32] {
        (0..<codes.rows).map { r in
            var best = Float.infinity, bestIndex = 0
            for c in 0..<centers.rows {
                var sum: Float = 0
                for j in 0..<codes.columns { let d = codes[r, j] - centers[c, j]; sum += d * d }
                if sum < best { best = sum; bestIndex = c }
            }
            return Int32(bestIndex)
        }
    }

    /// The JSON header of a model file.
    struct Header: Codable {
        var configuration: DCNConfiguration
        var scaling: FittedScaling
        var inputDimensions: Int
        var capacity: Int
        var layers: [[Int]]  // [in, out] per layer, encoder then decoder
        var centers: [Int]  // [k, d]
    }

    static let magic = Array("DCNMODEL".utf8)

    /// Writes the model to `url` (atomically: a temporary file renamed into place).
    /// - Throws: ``TrainingError/invalidConfiguration(_:)`` naming the file when it cannot be written.
    public func save(to url: URL) throws {
        let layers = autoencoder.encoder + autoencoder.decoder
        let header = Header(configuration: configuration, scaling: scaling, inputDimensions: autoencoder.inputDimensions,
                            capacity: autoencoder.capacity, layers: layers.map { [$0.inputDimensions, $0.outputDimensions] },
                            centers: [centers.rows, centers.columns])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys  // key order is otherwise per-process: same run, different bytes
        let json = try encoder.encode(header)
        var data = Data(Self.magic)
        appendUInt32(1, to: &data)
        appendUInt32(UInt32(json.count), to: &data)
        data.append(json)
        for layer in layers {
            appendFloats(layer.weight.array, to: &data)
            appendFloats(layer.bias.array, to: &data)
            if let norm = layer.batchNormalization {
                for buffer in [norm.gamma, norm.beta, norm.runningMean, norm.runningVariance] { appendFloats(buffer.array, to: &data) }
            }
        }
        appendFloats(centers.values, to: &data)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw TrainingError.invalidConfiguration("\(url.path): cannot write the model (\(error.localizedDescription))")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw TrainingError.invalidConfiguration("\(url.path): cannot write the model (\(reason))")
        }
    }

    /// Reads a model file.
    /// - Parameter url: The file.
    /// - Returns: The model.
    /// - Throws: ``TrainingError/invalidConfiguration(_:)`` naming the file and what is wrong.
    public static func load(from url: URL) throws -> TrainedModel {
        func fail(_ problem: String) -> TrainingError { .invalidConfiguration("\(url.path): \(problem)") }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw fail("cannot be read (missing or unreadable)") }
        let bytes = [UInt8](data)
        guard bytes.count >= 16, Array(bytes[0..<8]) == magic else { throw fail("not a dcn-report model file") }
        let version = readUInt32(bytes, 8), headerLength = Int(readUInt32(bytes, 12))
        guard version == 1 else { throw fail("unsupported model format version \(version)") }
        guard 16 + headerLength <= bytes.count else { throw fail("truncated header") }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[16 ..< 16 + headerLength]))
        } catch {
            throw fail("malformed header (\(error))")
        }
        let configuration = header.configuration
        guard header.layers.count == configuration.hiddenLayers.count * 2 + 2, header.layers.allSatisfy({ $0.count == 2 }),
              header.centers.count == 2 else { throw fail("malformed header (layer list)") }
        let normalised = configuration.batchNormalization
        var expected = header.layers.enumerated().reduce(0) { total, item in
            let (index, shape) = item
            let isLinear = index == configuration.hiddenLayers.count || index == header.layers.count - 1
            return total + shape[0] * shape[1] + shape[1] + (normalised && !isLinear ? 4 * shape[1] : 0)
        } + header.centers.reduce(1, *)
        expected *= 4
        guard bytes.count - 16 - headerLength == expected else {
            throw fail("holds \(bytes.count - 16 - headerLength) bytes of weights, the header describes \(expected)")
        }
        var generator = SplitMix64(seed: 0)  // weights are overwritten below
        let autoencoder = Autoencoder(
            inputDimensions: header.inputDimensions, hidden: configuration.hiddenLayers,
            latentDimensions: configuration.latentDimensions, hiddenActivation: configuration.hiddenActivation,
            batchNormalization: configuration.batchNormalization, capacity: header.capacity, using: &generator)
        let layers = autoencoder.encoder + autoencoder.decoder
        guard layers.map({ [$0.inputDimensions, $0.outputDimensions] }) == header.layers else {
            throw fail("layer shapes do not match the configuration")
        }
        var offset = 16 + headerLength
        func read(into buffer: FloatBuffer) {
            for i in 0..<buffer.count { buffer.pointer[i] = Float(bitPattern: readUInt32(bytes, offset + 4 * i)) }
            offset += 4 * buffer.count
        }
        for layer in layers {
            read(into: layer.weight)
            read(into: layer.bias)
            if let norm = layer.batchNormalization {
                for buffer in [norm.gamma, norm.beta, norm.runningMean, norm.runningVariance] { read(into: buffer) }
            }
        }
        let centerBuffer = FloatBuffer(count: header.centers.reduce(1, *))
        read(into: centerBuffer)
        return TrainedModel(configuration: configuration, scaling: header.scaling, autoencoder: autoencoder,
                            centers: Matrix(rows: header.centers[0], columns: header.centers[1], values: centerBuffer.array))
    }
}

private func appendUInt32(_ value: UInt32, to data: inout Data) {
    withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
}

private func appendFloats(_ values: [Float], to data: inout Data) {
    for value in values { appendUInt32(value.bitPattern, to: &data) }
}

private func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
}
