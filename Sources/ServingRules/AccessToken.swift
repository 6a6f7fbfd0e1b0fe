import Foundation

/// The server's secret, as Jupyter has it: given once in the printed URL (`…/?token=…`), exchanged on
/// the first visit for a cookie, and compared in constant time. Anyone who can reach the port but has not
/// seen the URL reads nothing.
public struct AccessToken: Sendable {
    /// The secret.
    public let value: String

    /// A token with the given value (`--token VALUE`); nil when it is empty or holds characters a URL or a
    /// cookie would have to escape.
    public init?(_ value: String) {
        guard !value.isEmpty, value.utf8.count <= 256,
            value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") })
        else { return nil }
        self.value = value
    }

    /// A new random token: 24 bytes from the system's generator, as 48 hex digits.
    public static func random() -> AccessToken {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<24).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return String(byte >> 4, radix: 16) + String(byte & 15, radix: 16)
        }.joined()
        return AccessToken(hex)!  // hex digits only: always valid
    }

    /// Whether `candidate` is the token; takes the same time whichever byte differs.
    public func matches(_ candidate: String?) -> Bool {
        guard let candidate else { return false }
        let a = Array(value.utf8), b = Array(candidate.utf8)
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for i in 0..<a.count { difference |= a[i] ^ (i < b.count ? b[i] : 0) }
        return difference == 0 && a.count == b.count
    }

    /// The cookie's name: cookies are not scoped by port, so two servers on one host keep theirs apart.
    public static func cookieName(port: Int) -> String { "dcn-report-token-\(port)" }

    /// The `Set-Cookie` value that hands the token to the browser.
    public func setCookie(port: Int) -> String {
        "\(Self.cookieName(port: port))=\(value); Path=/; HttpOnly; SameSite=Strict"
    }

    /// The value of cookie `name` in a `Cookie` header (`a=1; b=2`), if present.
    public static func cookie(named name: String, in header: String?) -> String? {
        guard let header, header.utf8.count <= 8_192 else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { continue }
            return parts[1].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
