import Foundation

/// What the server checks before it routes a request, in this order: the method (only GET and HEAD: the
/// server only reads), the `Host` header (against DNS rebinding: ``HostHeader``), the token
/// (``AccessToken``: from `?token=` once, then from the cookie) and, for requests that make the server work
/// (rendering a report, a comparison or a live frame), that the request did not come from another site.
/// Every response also gets `Referrer-Policy: no-referrer`, so a token in an address never leaks onwards.
public struct RequestGate: Sendable {
    /// Host names besides `localhost` that requests may name (`--allow-host`, e.g. a reverse proxy's).
    public let allowedHosts: Set<String>
    /// The token, or nil when the server runs without one (`--no-token`).
    public let token: AccessToken?
    /// The port the server listens on (names the cookie).
    public let port: Int

    /// - Parameters:
    ///   - allowedHosts: Extra host names to accept (lowercased here).
    ///   - token: The token, or nil for none.
    ///   - port: The bound port.
    public init(allowedHosts: [String] = [], token: AccessToken?, port: Int) {
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) })
        self.token = token
        self.port = port
    }

    /// The parts of a request the gate reads.
    public struct Request: Sendable {
        public var method: String
        /// The path, without the query.
        public var path: String
        /// The query, without `?`.
        public var query: String?
        public var host: String?
        public var origin: String?
        public var secFetchSite: String?
        public var cookie: String?

        public init(
            method: String, path: String, query: String?, host: String?, origin: String? = nil, secFetchSite: String? = nil,
            cookie: String? = nil
        ) {
            self.method = method
            self.path = path
            self.query = query
            self.host = host
            self.origin = origin
            self.secFetchSite = secFetchSite
            self.cookie = cookie
        }
    }

    /// What to do with a request.
    public enum Decision: Equatable, Sendable {
        /// Route it.
        case pass
        /// The token was in the address: set the cookie and send the browser to the same page without it.
        case redirect(location: String, setCookie: String)
        /// Refuse it with this status and one line.
        case refuse(status: Int, message: String)
    }

    /// Decides.
    public func decide(_ request: Request) -> Decision {
        guard request.method == "GET" || request.method == "HEAD" else {
            return .refuse(status: 405, message: "\(request.method) is not allowed: this server only reads (GET and HEAD)")
        }
        guard let header = request.host, let host = HostHeader(header) else {
            return .refuse(status: 403, message: "the request has no valid Host header")
        }
        guard host.isIPLiteral || host.host == "localhost" || allowedHosts.contains(host.host) else {
            return .refuse(
                status: 403,
                message:
                    "host '\(host.host)' is not served here: open the server by its address or as localhost, or start it with --allow-host \(host.host)"
            )
        }
        if let token {
            let given = Self.queryValue("token", in: request.query)
            if let given {
                guard token.matches(given) else { return .refuse(status: 403, message: "the token in the address is not this server's") }
                return .redirect(
                    location: Self.relativeLocation(path: request.path, query: Self.removing("token", from: request.query)),
                    setCookie: token.setCookie(port: port))
            }
            guard token.matches(AccessToken.cookie(named: AccessToken.cookieName(port: port), in: request.cookie)) else {
                return .refuse(status: 403, message: "this server needs its token: open the address dcn-report printed (it ends in ?token=…)")
            }
        }
        if Self.causesWork(path: request.path), isCrossSite(request, host: header) {
            return .refuse(status: 403, message: "a request from another site may not make this server render")
        }
        return .pass
    }

    /// Whether a request for `path` makes the server render or compute (a report, a comparison, a live frame)
    /// rather than send a file or a listing it already has.
    public static func causesWork(path: String) -> Bool {
        path.hasPrefix("/compare") || path.hasPrefix("/run/")
    }

    /// `Sec-Fetch-Site: cross-site`, or an `Origin` that is not this server's own: its host and port are not
    /// the request's `Host` (either scheme: behind a TLS proxy the page's origin is `https://`).
    func isCrossSite(_ request: Request, host: String) -> Bool {
        if request.secFetchSite?.lowercased() == "cross-site" { return true }
        guard let origin = request.origin?.lowercased() else { return false }
        guard let separator = origin.range(of: "://"), ["http", "https"].contains(origin[..<separator.lowerBound]) else { return true }
        return origin[separator.upperBound...] != host.lowercased()
    }

    /// The value of `name` in a query string (`a=1&token=x`), percent-decoded.
    public static func queryValue(_ name: String, in query: String?) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts[0] == name { return parts.count == 2 ? String(parts[1]).removingPercentEncoding ?? String(parts[1]) : "" }
        }
        return nil
    }

    /// The query without `name`'s pairs (nil when nothing is left).
    static func removing(_ name: String, from query: String?) -> String? {
        let kept = (query ?? "").split(separator: "&").filter { $0.split(separator: "=", maxSplits: 1).first.map(String.init) != name }
        return kept.isEmpty ? nil : kept.joined(separator: "&")
    }

    /// A redirect target relative to `path`'s folder, so it works behind a path prefix: the last component
    /// (or `./` for a folder), with the query.
    static func relativeLocation(path: String, query: String?) -> String {
        let last = path.hasSuffix("/") ? "./" : String(path.split(separator: "/").last ?? "./")
        return last + (query.map { "?" + $0 } ?? "")
    }
}
