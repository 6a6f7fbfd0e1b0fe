import Foundation

/// A listing's shortcut through a `run.json`: the same document with what a listing never reads left out —
/// pretraining losses, baselines, the start and the outcome — and every epoch but the last read by the scan
/// as its number and folder, so that the JSON decoder, which scans every byte it is given and builds a
/// container per object, decodes a few kilobytes instead of the whole file.
///
/// The cutting is a byte scan that only finds where values begin and end (strings, with their escapes,
/// and nesting), and reads nothing but an epoch's number and folder. A document it cannot outline is
/// decoded whole, so the decoder reports its errors exactly as when reading the full file. (No JSON
/// library in this project's package set outlines a document without decoding it, hence this one.)
enum RunJSONOutline {
    /// Top-level members a listing does not read.
    static let unread: Set<String> = ["pretraining", "baselines", "start", "outcome"]

    /// What a listing decodes: the document with the unread members left out and `epochs` holding only its
    /// last entry, and every entry before it as its number and folder, read by the scan.
    struct Listing {
        var document: Data
        var precedingEpochs: [(epoch: Int, path: String)]
    }

    /// The listing's part of a `run.json`, or nil when the scan cannot outline it (then the whole file is
    /// decoded): not one object, an epoch entry that is not an object with a whole-number `epoch` and a
    /// plain `path` string, or anything after the object.
    static func listing(_ data: Data) -> Listing? {
        data.withUnsafeBytes { raw -> Listing? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let scanner = Scanner(bytes: bytes)
            guard let (members, end) = scanner.members(at: scanner.skipSpace(0)), scanner.skipSpace(end) == bytes.count else { return nil }
            var out = Data("{".utf8)
            out.reserveCapacity(8_192)
            var preceding: [(epoch: Int, path: String)] = []
            for member in members {
                let key = String(decoding: bytes[member.key], as: UTF8.self)
                if unread.contains(key) { continue }
                if out.count > 1 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: bytes[member.key.lowerBound - 1..<member.key.upperBound + 1])  // with its quotes
                out.append(UInt8(ascii: ":"))
                guard key == "epochs" else {
                    out.append(contentsOf: bytes[member.value])
                    continue
                }
                guard let epochs = scanner.epochMarks(at: member.value.lowerBound) else { return nil }
                preceding = epochs.marks
                out.append(UInt8(ascii: "["))
                if let last = epochs.last { out.append(contentsOf: bytes[last]) }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "}"))
            return Listing(document: out, precedingEpochs: preceding)
        }
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
                if bytes[i] == UInt8(ascii: "\\") {
                    i += 2
                    continue
                }
                if bytes[i] == UInt8(ascii: "\"") { return i + 1 }
                i += 1
            }
            return nil
        }

        /// The members of the object at `index` — each key's text (inside its quotes) and its value — and
        /// the index just past the object.
        func members(at index: Int) -> (members: [(key: Range<Int>, value: Range<Int>)], end: Int)? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
            var found: [(key: Range<Int>, value: Range<Int>)] = []
            var i = skipSpace(index + 1)
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { return (found, i + 1) }
            while i < bytes.count {
                guard bytes[i] == UInt8(ascii: "\""), let keyEnd = end(ofStringAt: i) else { return nil }
                var j = skipSpace(keyEnd)
                guard j < bytes.count, bytes[j] == UInt8(ascii: ":") else { return nil }
                j = skipSpace(j + 1)
                guard let valueEnd = end(ofValueAt: j) else { return nil }
                found.append((i + 1..<keyEnd - 1, j..<valueEnd))
                i = skipSpace(valueEnd)
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: "}") { return (found, i + 1) }
                guard bytes[i] == UInt8(ascii: ",") else { return nil }
                i = skipSpace(i + 1)
            }
            return nil
        }

        /// The epoch entries of the `epochs` array at `index`, in one pass: every entry but the last as its
        /// number and folder, and where the last lies (the decoder reads it whatever it holds); nil unless
        /// every entry before the last is an object with both.
        func epochMarks(at index: Int) -> (marks: [(epoch: Int, path: String)], last: Range<Int>?)? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
            var marks: [(epoch: Int, path: String)] = [], last: (range: Range<Int>, mark: (epoch: Int, path: String)?)?
            var i = skipSpace(index + 1)
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { return (marks, nil) }
            while i < bytes.count {
                if let previous = last {  // an entry followed by another: it needs its mark
                    guard let mark = previous.mark else { return nil }
                    marks.append(mark)
                }
                let end: Int, mark: (epoch: Int, path: String)?
                if let object = members(at: i) {
                    (end, mark) = (object.end, self.mark(of: object.members))
                } else {
                    guard let valueEnd = self.end(ofValueAt: i) else { return nil }
                    (end, mark) = (valueEnd, nil)
                }
                last = (i..<end, mark)
                i = skipSpace(end)
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: "]") { return (marks, last?.range) }
                guard bytes[i] == UInt8(ascii: ",") else { return nil }
                i = skipSpace(i + 1)
            }
            return nil
        }

        /// A string's text between its quotes, with the escapes `\/`, `\\` and `\"` (JSONEncoder writes
        /// `epochs\/0000`); nil for any other escape, which the decoder is left to read.
        static func plainString(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
            guard text.contains(UInt8(ascii: "\\")) else { return String(decoding: text, as: UTF8.self) }
            var out: [UInt8] = []
            var escaped = false
            for byte in text {
                if escaped {
                    guard byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") else { return nil }
                    out.append(byte)
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// An epoch entry's `epoch` (a whole number) and `path` (a string with at most the escapes of
        /// ``plainString(_:)``), from its members, or nil.
        func mark(of members: [(key: Range<Int>, value: Range<Int>)]) -> (epoch: Int, path: String)? {
            var epoch: Int?, path: String?
            for member in members {
                let key = bytes[member.key], value = bytes[member.value]
                if key.elementsEqual("epoch".utf8) {
                    guard value.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") || $0 == UInt8(ascii: "-") }) else { return nil }
                    epoch = Int(String(decoding: value, as: UTF8.self))
                } else if key.elementsEqual("path".utf8) {
                    guard value.first == UInt8(ascii: "\""), value.count >= 2 else { return nil }
                    path = Self.plainString(value.dropFirst().dropLast())
                }
            }
            guard let epoch, let path else { return nil }
            return (epoch, path)
        }
    }
}
