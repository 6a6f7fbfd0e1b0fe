import Foundation

/// A listing's shortcut through a `run.json`: the same document with what a listing never reads left out —
/// pretraining losses, baselines, the start and the outcome, and every epoch but the last cut down to its
/// number and folder — so that the JSON decoder, which scans every byte it is given, reads a few
/// kilobytes instead of the whole file.
///
/// The cutting is a byte scan that only finds where values begin and end (strings, with their escapes,
/// and nesting); it never interprets a value. Whatever it does not recognise is kept as it is, and a
/// document it cannot outline is handed back whole, so the decoder reports its errors exactly as when
/// reading the full file. (No JSON library in this project's package set outlines a document without
/// decoding it, hence this one.)
enum RunJSONOutline {
    /// Top-level members a listing does not read.
    static let unread: Set<String> = ["pretraining", "baselines", "start", "outcome"]

    /// The shortened document, or `data` itself when it cannot be outlined.
    static func listingDocument(_ data: Data) -> Data {
        data.withUnsafeBytes { raw -> Data? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let scanner = Scanner(bytes: bytes)
            let start = scanner.skipSpace(0)
            // One value and nothing after it, or the decoder is left to say what is wrong.
            guard let end = scanner.end(ofValueAt: start), scanner.skipSpace(end) == bytes.count,
                  let members = scanner.members(at: start) else { return nil }
            var out = Data("{".utf8)
            out.reserveCapacity(8_192)
            var first = true
            for member in members {
                let key = String(decoding: bytes[member.key], as: UTF8.self)
                if unread.contains(key) { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(contentsOf: bytes[member.key.lowerBound - 1 ..< member.key.upperBound + 1])  // with its quotes
                out.append(UInt8(ascii: ":"))
                if key == "epochs", let elements = scanner.elements(at: member.value.lowerBound) {
                    out.append(UInt8(ascii: "["))
                    for (index, element) in elements.enumerated() {
                        if index > 0 { out.append(UInt8(ascii: ",")) }
                        out.append(contentsOf: index == elements.count - 1 ? Data(bytes[element]) : scanner.mark(of: element))
                    }
                    out.append(UInt8(ascii: "]"))
                } else {
                    out.append(contentsOf: bytes[member.value])
                }
            }
            out.append(UInt8(ascii: "}"))
            return out
        } ?? data
    }

    /// Finds where JSON values begin and end.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>

        /// The first index at or after `index` that is not white space.
        func skipSpace(_ index: Int) -> Int {
            var i = index
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
            return i
        }

        /// The index just past the value starting at `index`, or nil when it is not a complete value.
        func end(ofValueAt index: Int) -> Int? {
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""): return end(ofStringAt: index)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0, i = index
                while i < bytes.count {
                    switch bytes[i] {
                    case UInt8(ascii: "\""):
                        guard let next = end(ofStringAt: i) else { return nil }
                        i = next
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { return i + 1 }
                    default: break
                    }
                    i += 1
                }
                return nil
            default:  // a number, true, false or null
                var i = index
                scan: while i < bytes.count {
                    switch bytes[i] {
                    case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: break scan
                    default: i += 1
                    }
                }
                return i > index ? i : nil
            }
        }

        /// The index just past the string whose opening quote is at `index`.
        func end(ofStringAt index: Int) -> Int? {
            var i = index + 1
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
                if bytes[i] == UInt8(ascii: "\"") { return i + 1 }
                i += 1
            }
            return nil
        }

        /// The members of the object at `index`: each key's text (inside its quotes) and its value.
        func members(at index: Int) -> [(key: Range<Int>, value: Range<Int>)]? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
            var found: [(key: Range<Int>, value: Range<Int>)] = []
            var i = skipSpace(index + 1)
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { return found }
            while i < bytes.count {
                guard bytes[i] == UInt8(ascii: "\""), let keyEnd = end(ofStringAt: i) else { return nil }
                var j = skipSpace(keyEnd)
                guard j < bytes.count, bytes[j] == UInt8(ascii: ":") else { return nil }
                j = skipSpace(j + 1)
                guard let valueEnd = end(ofValueAt: j) else { return nil }
                found.append((i + 1 ..< keyEnd - 1, j ..< valueEnd))
                i = skipSpace(valueEnd)
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: "}") { return found }
                guard bytes[i] == UInt8(ascii: ",") else { return nil }
                i = skipSpace(i + 1)
            }
            return nil
        }

        /// The elements of the array at `index`.
        func elements(at index: Int) -> [Range<Int>]? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
            var found: [Range<Int>] = []
            var i = skipSpace(index + 1)
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { return found }
            while i < bytes.count {
                guard let valueEnd = end(ofValueAt: i) else { return nil }
                found.append(i ..< valueEnd)
                i = skipSpace(valueEnd)
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: "]") { return found }
                guard bytes[i] == UInt8(ascii: ",") else { return nil }
                i = skipSpace(i + 1)
            }
            return nil
        }

        /// An epoch entry cut to its `epoch` and `path` members, or kept whole when it is not an object.
        func mark(of element: Range<Int>) -> Data {
            guard let members = members(at: element.lowerBound) else { return Data(bytes[element]) }
            var out = Data("{".utf8)
            for member in members {
                let key = bytes[member.key]
                guard key.elementsEqual("epoch".utf8) || key.elementsEqual("path".utf8) else { continue }
                if out.count > 1 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: bytes[member.key.lowerBound - 1 ..< member.value.upperBound])
            }
            out.append(UInt8(ascii: "}"))
            return out
        }
    }
}
