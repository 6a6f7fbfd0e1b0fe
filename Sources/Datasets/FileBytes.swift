import Foundation

/// Reads a file's bytes, decompressing it when its name ends in `.gz`.
enum FileBytes {
    /// The file's contents, gunzipped for `.gz` names.
    /// - Parameter path: The file to read.
    /// - Returns: The (decompressed) bytes.
    /// - Throws: ``DatasetError`` for a missing file, a directory, an unreadable file or bad gzip data.
    static func read(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError(path, "no such file")
        }
        guard !isDirectory.boolValue else { throw DatasetError(path, "is a directory, expected a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError(path, "cannot be read (check its permissions)")
        }
        return try decoded(data, name: path)
    }

    /// A file's bytes as a loader reads them: gunzipped when `name` ends in `.gz`.
    /// - Parameters:
    ///   - data: The bytes as stored.
    ///   - name: The file's name or path, named in errors.
    /// - Throws: ``DatasetError`` for bad gzip data.
    static func decoded(_ data: Data, name: String) throws -> Data {
        guard name.lowercased().hasSuffix(".gz") else { return data }
        return try gunzip(data, path: name)
    }

    /// The decompressed bytes of gzip data.
    /// - Parameters:
    ///   - data: The compressed bytes.
    ///   - path: What to name in errors.
    /// - Throws: ``DatasetError`` for data that is not gzip or is corrupt or truncated.
    static func gunzip(_ data: Data, path: String) throws -> Data {
        do {
            return try Gunzip.decompress(data)
        } catch .notGzip {
            throw DatasetError(path, "is not gzip data (the name ends in .gz)")
        } catch .corrupt(let reason) {
            throw DatasetError(path, "gzip data is corrupt or truncated (\(reason))")
        }
    }
}
