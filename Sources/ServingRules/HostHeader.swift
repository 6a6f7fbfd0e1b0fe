import Foundation

/// A request's `Host` header, parsed: the name or IP literal the browser was pointed at, and the port.
///
/// DNS rebinding needs a host *name* (a page on `evil.example` re-points its own name at 127.0.0.1), so a
/// server that answers only IP literals, `localhost` and names its user allowed cannot be read that way.
public struct HostHeader: Equatable, Sendable {
    /// The host, lowercased, without brackets or a trailing dot.
    public let host: String
    /// Whether ``host`` is an IPv4 or IPv6 literal.
    public let isIPLiteral: Bool
    /// The port, when the header gives one.
    public let port: Int?

    /// Parses a header value: `name[:port]`, `1.2.3.4[:port]` or `[v6][:port]`; nil when malformed.
    public init?(_ value: String) {
        let value = value.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty, value.utf8.count <= 255 else { return nil }
        var host: Substring, portText: Substring?
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return nil }
            host = value[value.index(after: value.startIndex)..<close]
            let rest = value[value.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
            guard Self.isIPv6(host) else { return nil }
            isIPLiteral = true
        } else {
            let parts = value.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { return nil }
            host = parts[0]
            portText = parts.count == 2 ? parts[1] : nil
            if host.hasSuffix(".") { host = host.dropLast() }
            guard !host.isEmpty, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }),
                !host.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty)
            else { return nil }
            isIPLiteral = Self.isIPv4(host)
        }
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, let port = Int(portText), (0...65_535).contains(port) else { return nil }
            self.port = port
        } else {
            port = nil
        }
        self.host = host.lowercased()
    }

    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isNumber) && (Int(part) ?? 256) <= 255
            }
    }

    static func isIPv6(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.count <= 45, text.contains(":") else { return false }
        // An IPv4 tail (::ffff:1.2.3.4) is allowed; zone ids are not (browsers do not send them).
        return text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}
