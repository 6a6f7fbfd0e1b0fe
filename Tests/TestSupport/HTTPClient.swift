import Foundation

/// A minimal HTTP/1.1 client over a POSIX socket: it sends the request target exactly as given (no
/// normalising of `..` or percent-encoding), which the traversal tests need; the server benchmark uses it too.
public enum HTTPClient {
    public struct Reply: Sendable {
        public let status: Int
        /// The body's bytes.
        public let bytes: Data
        /// The `Location` header, for redirects.
        public var location: String?
        /// Every header, by lowercased name (the last of repeated ones).
        public var headers: [String: String] = [:]
        /// The body as text.
        public var body: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// `GET target` from 127.0.0.1:`port`.
    public static func get(_ target: String, port: Int) throws -> Reply {
        try send("GET", target, port: port)
    }

    /// `method target` to 127.0.0.1:`port` with the given `Host` (none when nil) and other headers.
    public static func send(
        _ method: String, _ target: String, port: Int, host: String? = "127.0.0.1",
        headers: [(String, String)] = []
    ) throws -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var request = "\(method) \(target) HTTP/1.1\r\n" + (host.map { "Host: \($0)\r\n" } ?? "")
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "Connection: close\r\n\r\n"
        _ = request.withCString { Glibc.send(fd, $0, strlen($0), 0) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        // Only the head is text; the body stays bytes (images are not decoded as UTF-8).
        let end = data.firstRange(of: Data("\r\n\r\n".utf8))
        let head = String(decoding: data[..<(end?.lowerBound ?? data.endIndex)], as: UTF8.self)
        let status = head.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        let body = end.map { Data(data[$0.upperBound...]) } ?? Data()
        let location = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("location:") }
            .map { $0.dropFirst("location:".count).trimmingCharacters(in: .whitespaces) }
        var fields: [String: String] = [:]
        for line in head.split(separator: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: status, bytes: body, location: location, headers: fields)
    }
}
