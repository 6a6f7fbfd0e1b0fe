import AtomicWrite
public import DCNCore
public import Foundation

/// The state of a run right after autoencoder pretraining: the network, the optimiser's state, the
/// shuffling generator's state and the pretraining losses. A run started from it (`dcn-report train
/// --from-pretrained FILE`) records exactly what it would have recorded had it pretrained itself, so
/// a sweep pretrains once per group of runs that share ``DCNCore/PretrainingSettings``.
///
/// File format (little-endian): the 8 bytes `DCNCKPT1`, a `UInt32` header length, a JSON header
/// (``Header``), then a complete model file (``ModelFile``; its centres are empty) and the optimiser's
/// buffers as raw float32, with the sizes the header lists.
public struct PretrainedCheckpoint: Sendable {
    /// Network weights, configuration and input scaling (no centres yet).
    public var model: ModelFile
    /// The optimiser's step count.
    public var optimizerStep: Int
    /// The optimiser's buffers (Adam: first moments then second moments; SGD: velocities).
    public var optimizerBuffers: [[Float]]
    /// The shuffling generator's state after pretraining.
    public var generatorState: UInt64
    /// Mean reconstruction loss per pretraining epoch, as recorded in `run.json`.
    public var pretraining: [PretrainingEntry]
    /// Seconds per pretraining epoch, as recorded in `timing.json`.
    public var pretrainingSeconds: [Double]
    /// A fingerprint of the scaled training data, so a checkpoint is never used on other data.
    public var dataFingerprint: String

    /// Creates a checkpoint from its parts.
    public init(
        model: ModelFile, optimizerStep: Int, optimizerBuffers: [[Float]], generatorState: UInt64,
        pretraining: [PretrainingEntry], pretrainingSeconds: [Double], dataFingerprint: String
    ) {
        self.model = model
        self.optimizerStep = optimizerStep
        self.optimizerBuffers = optimizerBuffers
        self.generatorState = generatorState
        self.pretraining = pretraining
        self.pretrainingSeconds = pretrainingSeconds
        self.dataFingerprint = dataFingerprint
    }

    struct Header: Codable {
        var optimizerStep: Int
        var optimizerBufferSizes: [Int]
        var generatorState: String  // hexadecimal: JSON numbers lose UInt64 precision in other readers
        var pretraining: [PretrainingEntry]
        var pretrainingSeconds: [Double]
        var dataFingerprint: String
        var modelBytes: Int
    }

    static let magic = Array("DCNCKPT1".utf8)

    /// The file's bytes.
    public func encoded() throws -> Data {
        let modelBytes = try model.encoded()
        let header = Header(
            optimizerStep: optimizerStep, optimizerBufferSizes: optimizerBuffers.map(\.count),
            generatorState: String(generatorState, radix: 16), pretraining: pretraining,
            pretrainingSeconds: pretrainingSeconds, dataFingerprint: dataFingerprint, modelBytes: modelBytes.count)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(header)
        var data = Data(Self.magic)
        appendUInt32(UInt32(json.count), to: &data)
        data.append(json)
        data.append(modelBytes)
        for buffer in optimizerBuffers { appendFloats(buffer, to: &data) }
        return data
    }

    /// Writes the file atomically.
    /// - Throws: ``RecordingError`` naming the file.
    public func write(to url: URL) throws {
        do {
            try AtomicFile.write(try encoded(), to: url)
        } catch let error as FileWriteError {
            throw RecordingError(url.path, "cannot write the checkpoint (\(error.reason))")
        }
    }

    /// Reads a checkpoint file.
    /// - Throws: ``RecordingError`` naming the file and what is wrong.
    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RecordingError(url.path, "cannot be read (missing or unreadable)")
        }
        let source = url.path
        func fail(_ problem: String) -> RecordingError { RecordingError(source, problem) }
        let bytes = [UInt8](data)
        guard bytes.count >= 12, Array(bytes[0..<8]) == Self.magic else { throw fail("not a dcn-report pretraining checkpoint") }
        let headerLength = Int(readUInt32(bytes, 8))
        guard 12 + headerLength <= bytes.count else { throw fail("truncated header") }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[12..<12 + headerLength]))
        } catch {
            throw fail("malformed header (\(error))")
        }
        let modelStart = 12 + headerLength
        let floats = header.optimizerBufferSizes.reduce(0, +)
        guard header.modelBytes >= 0, header.optimizerBufferSizes.allSatisfy({ $0 >= 0 }),
            bytes.count == modelStart + header.modelBytes + 4 * floats
        else {
            throw fail("holds \(bytes.count) bytes, the header describes \(modelStart + header.modelBytes + 4 * floats)")
        }
        guard let generatorState = UInt64(header.generatorState, radix: 16) else { throw fail("malformed generator state") }
        model = try ModelFile(decoding: Data(bytes[modelStart..<modelStart + header.modelBytes]), source: source)
        var offset = modelStart + header.modelBytes
        optimizerBuffers = header.optimizerBufferSizes.map { count in
            defer { offset += 4 * count }
            return readFloats(bytes, offset, count: count)
        }
        optimizerStep = header.optimizerStep
        self.generatorState = generatorState
        pretraining = header.pretraining
        pretrainingSeconds = header.pretrainingSeconds
        dataFingerprint = header.dataFingerprint
    }
}
