import Foundation
import FuzzSupport
import ServingRules

/// What `serve` parses from strangers before routing: the request path, the Host header, the cookie and
/// the token. The input is a request's fields, one per line: method, path, query, Host, Origin,
/// Sec-Fetch-Site, Cookie. Besides never trapping, the gate must keep its promises, checked here.
func fuzzRequestGate(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: fuzzData(start, count), as: UTF8.self)
    var fields = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    while fields.count < 7 { fields.append("") }
    func field(_ i: Int) -> String? { fields[i].isEmpty ? nil : fields[i] }
    let request = RequestGate.Request(
        method: fields[0], path: fields[1], query: field(2), host: field(3), origin: field(4),
        secFetchSite: field(5), cookie: field(6))
    let token = AccessToken("s3cret-token")!
    let decision = RequestGate(allowedHosts: ["proxy.example"], token: token, port: 8080).decide(request)
    if case .pass = decision {
        // Passing needs a read method, an acceptable Host and the token's cookie.
        precondition(request.method == "GET" || request.method == "HEAD")
        let host = HostHeader(request.host ?? "")
        precondition(host != nil && (host!.isIPLiteral || host!.host == "localhost" || host!.host == "proxy.example"))
        precondition(token.matches(AccessToken.cookie(named: AccessToken.cookieName(port: 8080), in: request.cookie)))
    }
    if case .redirect(let location, _) = decision {
        // Relative, and without the token parameter (other parameters, whatever their bytes, stay).
        let query = location.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init)
        precondition(!location.hasPrefix("/") && RequestGate.queryValue("token", in: query) == nil, "a redirect is relative and drops the token")
    }
    _ = RequestPath.joined(fields[1].split(separator: "/"), under: "/srv/runs")
    _ = ServedText.relative(text, under: "/srv/runs")
    _ = RequestGate.queryValue("token", in: field(2))
    return 0
}

runFuzzer(fuzzRequestGate)
