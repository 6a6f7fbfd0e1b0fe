/// The 64-bit FNV-1a hash: a fingerprint of data (checkpoints refuse other data) and stable short names
/// (a sweep's pretraining groups). Not for security.
public struct FNV1a: Sendable {
    /// The hash so far.
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    /// An empty hash.
    public init() {}

    /// Mixes in one word.
    public mutating func mix(_ word: UInt64) {
        value ^= word
        value &*= 0x0000_0100_0000_01B3
    }

    /// Mixes in every byte of `text`'s UTF-8.
    public mutating func mix(_ text: String) {
        for byte in text.utf8 { mix(UInt64(byte)) }
    }

    /// The hash in hexadecimal.
    public var hex: String { String(value, radix: 16) }
}
