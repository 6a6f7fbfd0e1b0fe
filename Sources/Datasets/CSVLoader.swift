import DCNMath
import Foundation
import DCNCore

/// Which CSV column, if any, holds the ground-truth labels.
public enum LabelColumn: Equatable, Sendable {
    /// No labels in the file.
    case none
    /// The last column.
    case last
    /// A zero-based column index.
    case index(Int)
    /// The column with this header name.
    case named(String)

    /// Parses `none`, `last`, a zero-based index, or a header name.
    /// - Parameter text: The flag value.
    public init(parsing text: String) {
        switch text {
        case "none", "": self = .none
        case "last": self = .last
        default: self = Int(text).map { .index($0) } ?? .named(text)
        }
    }
}

/// Loads numeric CSV files (`.csv` or `.csv.gz`): comma-separated, no header or one header row,
/// optionally one column of integer labels.
public enum CSVLoader {
    /// Loads a CSV file as a data set.
    /// - Parameters:
    ///   - path: The file (`.gz` is decompressed).
    ///   - labelColumn: Which column holds labels.
    /// - Returns: The data set; labels are the column's integer values.
    /// - Throws: ``DatasetError`` with the line number for ragged rows, non-numeric or non-finite cells.
    public static func load(path: String, labelColumn: LabelColumn) throws -> Dataset {
        try load(text: FileBytes.read(path), source: path, labelColumn: labelColumn)
    }

    /// Loads a CSV file's bytes, as ``load(path:labelColumn:)`` does.
    /// - Parameters:
    ///   - bytes: The file's contents (gzipped when `source` ends in `.gz`).
    ///   - source: The file's name or path, for the data set's name and for errors.
    ///   - labelColumn: Which column holds labels.
    /// - Throws: ``DatasetError`` naming `source`.
    public static func load(bytes: Data, source: String, labelColumn: LabelColumn) throws -> Dataset {
        try load(text: FileBytes.decoded(bytes, name: source), source: source, labelColumn: labelColumn)
    }

    static func load(text data: Data, source path: String, labelColumn: LabelColumn) throws -> Dataset {
        guard !data.isEmpty else { throw DatasetError(path, "is empty") }
        // Every value takes at least 2 bytes of text ("0,"), so the file size bounds the matrix.
        try MemoryCheck.check(rows: data.count / 2, columns: 1, input: path)
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy({ $0 == 13 || $0 == 32 }) { lines.removeLast() }
        guard !lines.isEmpty else { throw DatasetError(path, "is empty") }

        let firstCells = cells(of: lines[0])
        let hasHeader = firstCells.contains { Float($0) == nil }
        let header = hasHeader ? firstCells : nil
        let columns = firstCells.count
        let labelIndex = try resolve(labelColumn, columns: columns, header: header, path: path)
        let featureCount = columns - (labelIndex == nil ? 0 : 1)
        guard featureCount >= 1 else { throw DatasetError(path, "has no feature columns") }

        let bodyStart = hasHeader ? 1 : 0
        let rowCount = lines.count - bodyStart
        guard rowCount > 0 else { throw DatasetError(path, "has a header but no data rows") }
        var values = [Float]()
        values.reserveCapacity(rowCount * featureCount)
        var labels = [Int32]()
        for (offset, line) in lines[bodyStart...].enumerated() {
            let lineNumber = bodyStart + offset + 1
            let row = cells(of: line)
            guard row.count == columns else {
                let source = hasHeader ? "the header names \(columns) columns" : "line 1 has \(columns) values"
                throw DatasetError(path, "line \(lineNumber): expected \(columns) values, found \(row.count) (\(source))")
            }
            for (column, cell) in row.enumerated() {
                guard let value = Float(cell) else {
                    throw DatasetError(path, "line \(lineNumber), column \(column + 1): '\(cell.prefix(40))' is not a number")
                }
                guard value.isFinite else {
                    throw DatasetError(path, "line \(lineNumber), column \(column + 1): value is \(cell), expected a finite number")
                }
                if column == labelIndex {
                    guard value == value.rounded(), abs(value) < 2_000_000_000 else {
                        throw DatasetError(path, "line \(lineNumber): label '\(cell)' is not an integer")
                    }
                    labels.append(Int32(value))
                } else {
                    values.append(value)
                }
            }
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        var dataset = Dataset(
            name: name, description: "CSV file \(path)\(labelIndex.map { ", labels from column \($0 + 1)" } ?? "")",
            features: Matrix(rows: rowCount, columns: featureCount, values: values),
            labels: labelIndex == nil ? nil : labels)
        dataset.preferTableScaling()
        return dataset
    }

    static func cells(of line: Data.SubSequence) -> [String] {
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        return text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    static func resolve(_ column: LabelColumn, columns: Int, header: [String]?, path: String) throws -> Int? {
        switch column {
        case .none: return nil
        case .last: return columns - 1
        case .index(let index):
            guard (0..<columns).contains(index) else {
                throw DatasetError(path, "label column \(index) is out of range (the file has \(columns) columns, numbered from 0)")
            }
            return index
        case .named(let name):
            guard let header else { throw DatasetError(path, "has no header row, so no column is named '\(name)'") }
            guard let index = header.firstIndex(of: name) else {
                throw DatasetError(path, "has no column named '\(name)' (columns: \(header.prefix(8).joined(separator: ", "))…)")
            }
            return index
        }
    }
}
