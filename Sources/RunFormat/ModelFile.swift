import AtomicWrite
public import DCNCore
public import Foundation

/// The contents of a model file (`model.dcn`): configuration, input scaling, every layer's parameters
/// and the cluster centres. Plain values; the Training module turns them into a network.
///
/// File format (little-endian): the 8 bytes `DCNMODEL`, a `UInt32` format version (1), a `UInt32`
/// header length, a JSON header (``Header``), then every layer's weights and biases (encoder first,
/// then decoder; with batch normalisation, a hidden layer's γ, β, running mean and running variance
/// follow its bias) and the centres, as raw float32 in the order and shapes the header lists.
public struct ModelFile: Sendable {
    /// One dense layer's parameters.
    public struct Layer: Sendable, Equatable {
        /// Inputs per sample.
        public var inputDimensions: Int
        /// Outputs per sample.
        public var outputDimensions: Int
        /// `outputDimensions × inputDimensions` weights, row-major.
        public var weight: [Float]
        /// One bias per output.
        public var bias: [Float]
        /// γ, β, running mean and running variance, for a batch-normalised hidden layer.
        public var normalization: [[Float]]?

        /// Creates a layer's parameters.
        public init(inputDimensions: Int, outputDimensions: Int, weight: [Float], bias: [Float], normalization: [[Float]]?) {
            self.inputDimensions = inputDimensions
            self.outputDimensions = outputDimensions
            self.weight = weight
            self.bias = bias
            self.normalization = normalization
        }
    }

    /// Settings the model was trained with.
    public var configuration: DCNConfiguration
    /// The scaling fitted to the training data.
    public var scaling: FittedScaling
    /// Input width D.
    public var inputDimensions: Int
    /// Rows the network's buffers were sized for.
    public var capacity: Int
    /// Encoder layers, then decoder layers.
    public var layers: [Layer]
    /// Cluster centres, `k × latentDimensions`.
    public var centers: Matrix

    /// Creates a model file's contents.
    public init(configuration: DCNConfiguration, scaling: FittedScaling, inputDimensions: Int, capacity: Int, layers: [Layer], centers: Matrix) {
        self.configuration = configuration
        self.scaling = scaling
        self.inputDimensions = inputDimensions
        self.capacity = capacity
        self.layers = layers
        self.centers = centers
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

    /// The file's bytes.
    public func encoded() throws -> Data {
        let header = Header(
            configuration: configuration, scaling: scaling, inputDimensions: inputDimensions, capacity: capacity,
            layers: layers.map { [$0.inputDimensions, $0.outputDimensions] }, centers: [centers.rows, centers.columns])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys  // key order is otherwise per-process: same run, different bytes
        let json = try encoder.encode(header)
        var data = Data(Self.magic)
        appendUInt32(1, to: &data)
        appendUInt32(UInt32(json.count), to: &data)
        data.append(json)
        for layer in layers {
            appendFloats(layer.weight, to: &data)
            appendFloats(layer.bias, to: &data)
            for buffer in layer.normalization ?? [] { appendFloats(buffer, to: &data) }
        }
        appendFloats(centers.values, to: &data)
        return data
    }

    /// Writes the file atomically (a temporary file renamed into place).
    /// - Throws: ``RecordingError`` naming the file.
    public func write(to url: URL) throws {
        do {
            try AtomicFile.write(try encoded(), to: url)
        } catch let error as FileWriteError {
            throw RecordingError(url.path, "cannot write the model (\(error.reason))")
        } catch {
            throw RecordingError(url.path, "cannot write the model (\(error))")
        }
    }

    /// Reads a model file.
    /// - Parameter url: The file.
    /// - Throws: ``RecordingError`` naming the file and what is wrong.
    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RecordingError(url.path, "cannot be read (missing or unreadable)")
        }
        try self.init(decoding: data, source: url.path)
    }

    /// Decodes a model file's bytes.
    /// - Parameters:
    ///   - data: The bytes.
    ///   - source: What to name in errors (the file's path).
    /// - Throws: ``RecordingError`` naming `source` and what is wrong.
    public init(decoding data: Data, source: String) throws {
        func fail(_ problem: String) -> RecordingError { RecordingError(source, problem) }
        let bytes = [UInt8](data)
        guard bytes.count >= 16, Array(bytes[0..<8]) == Self.magic else { throw fail("not a dcn-report model file") }
        let version = readUInt32(bytes, 8), headerLength = Int(readUInt32(bytes, 12))
        guard version == 1 else { throw fail("unsupported model format version \(version)") }
        guard 16 + headerLength <= bytes.count else { throw fail("truncated header") }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[16..<16 + headerLength]))
        } catch {
            throw fail("malformed header (\(error))")
        }
        let configuration = header.configuration
        guard header.layers.count == configuration.hiddenLayers.count * 2 + 2,
            header.layers.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0 >= 0 } }),
            header.centers.count == 2, header.centers.allSatisfy({ $0 >= 0 })
        else { throw fail("malformed header (layer list)") }
        // Batch normalisation follows every layer but the code layer and the output layer.
        func isNormalised(_ index: Int) -> Bool {
            configuration.batchNormalization && index != configuration.hiddenLayers.count && index != header.layers.count - 1
        }
        // Sizes come from the file: count in checked arithmetic, so absurd ones are refused, not trapped on.
        func sum(_ terms: [Int?]) -> Int? {
            terms.reduce(Optional(0)) { total, term in
                guard let total, let term else { return nil }
                let (result, overflow) = total.addingReportingOverflow(term)
                return overflow ? nil : result
            }
        }
        var floats: Int? = header.centers.checkedProduct
        for (index, shape) in header.layers.enumerated() {
            floats = sum([floats, shape.checkedProduct, shape[1], isNormalised(index) ? [4, shape[1]].checkedProduct : 0])
        }
        guard let expected = floats.flatMap({ [4, $0].checkedProduct }), bytes.count - 16 - headerLength == expected else {
            throw fail(
                "holds \(bytes.count - 16 - headerLength) bytes of weights, the header describes \(floats.flatMap { [4, $0].checkedProduct }.map(String.init) ?? "more than can be counted")"
            )
        }
        var offset = 16 + headerLength
        func read(_ count: Int) -> [Float] {
            defer { offset += 4 * count }
            return readFloats(bytes, offset, count: count)
        }
        layers = header.layers.enumerated().map { index, shape in
            let weight = read(shape[0] * shape[1]), bias = read(shape[1])
            return Layer(
                inputDimensions: shape[0], outputDimensions: shape[1], weight: weight, bias: bias,
                normalization: isNormalised(index) ? (0..<4).map { _ in read(shape[1]) } : nil)
        }
        centers = Matrix(rows: header.centers[0], columns: header.centers[1], values: read(header.centers[0] * header.centers[1]))
        self.configuration = configuration
        scaling = header.scaling
        inputDimensions = header.inputDimensions
        capacity = header.capacity
    }
}
