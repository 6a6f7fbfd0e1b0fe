/// Parses the Python dict literal of an `.npy` header, e.g.
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }`.
///
/// Written here because the header is a tiny, fixed subset of Python syntax that no JSON or YAML
/// parser accepts as is.
enum NPYHeaderParser {
    struct Fields {
        var descriptor: String
        var fortranOrder: Bool
        var shape: [Int]
    }

    static func parse(_ text: String) throws -> Fields {
        let trimmed = text.trimming(" \n\0")
        guard trimmed.hasPrefix("{"), trimmed.hasSuffix("}") else { throw NPYError("header is not a dict literal") }
        if let rest = valueStart(of: "descr", in: trimmed), rest.first == "[" {
            throw NPYError(
                "dtype is a structured type (named fields, e.g. a pandas to_records() array); "
                    + "save a plain numeric array instead (numpy: x.astype('float32') on the columns you want)")
        }
        guard let descriptor = stringValue(of: "descr", in: trimmed) else { throw NPYError("header has no 'descr'") }
        guard let fortran = wordValue(of: "fortran_order", in: trimmed), fortran == "True" || fortran == "False" else {
            throw NPYError("header has no valid 'fortran_order'")
        }
        guard let shapeText = tupleValue(of: "shape", in: trimmed) else { throw NPYError("header has no 'shape'") }
        var shape: [Int] = []
        for part in shapeText.split(separator: ",") {
            let item = String(part).trimming(" ")
            if item.isEmpty { continue }
            guard let dimension = Int(item), dimension >= 0 else { throw NPYError("shape has a bad dimension '\(item)'") }
            shape.append(dimension)
        }
        return Fields(descriptor: descriptor, fortranOrder: fortran == "True", shape: shape)
    }

    private static func valueStart(of key: String, in text: String) -> Substring? {
        for quote in ["'", "\""] {
            if let range = text.range(of: quote + key + quote) {
                var rest = text[range.upperBound...].drop { $0 == " " }
                guard rest.first == ":" else { return nil }
                rest = rest.dropFirst().drop { $0 == " " }
                return rest
            }
        }
        return nil
    }

    private static func stringValue(of key: String, in text: String) -> String? {
        guard let rest = valueStart(of: key, in: text), let quote = rest.first, quote == "'" || quote == "\"" else { return nil }
        let body = rest.dropFirst()
        guard let end = body.firstIndex(of: quote) else { return nil }
        return String(body[..<end])
    }

    private static func wordValue(of key: String, in text: String) -> String? {
        guard let rest = valueStart(of: key, in: text) else { return nil }
        return String(rest.prefix { $0.isLetter })
    }

    private static func tupleValue(of key: String, in text: String) -> String? {
        guard let rest = valueStart(of: key, in: text), rest.first == "(" else { return nil }
        guard let end = rest.firstIndex(of: ")") else { return nil }
        return String(rest[rest.index(after: rest.startIndex)..<end])
    }
}

extension String {
    func trimming(_ set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
