import HTTPTypes
import Hummingbird
import ServingRules
import Synchronization

/// Every request passes ``RequestGate`` before the router sees it — unknown paths and other methods
/// included — and every response carries `Referrer-Policy: no-referrer`.
struct GatedResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context: RequestContext {
    typealias Context = Inner.Context
    let inner: Inner
    let allowedHosts: [String]
    let token: AccessToken?
    /// The bound port (names the token's cookie), set once the server listens.
    let port: BoundPort

    /// `Referrer-Policy`, not among HTTPTypes' named fields.
    static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy")! }
    static var secFetchSite: HTTPField.Name { HTTPField.Name("Sec-Fetch-Site")! }

    func respond(to request: Request, context: Context) async throws -> Response {
        let gate = RequestGate(allowedHosts: allowedHosts, token: token, port: port.value.load(ordering: .relaxed))
        let decision = gate.decide(
            RequestGate.Request(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query, host: request.head.authority,
                origin: request.headers[.origin], secFetchSite: request.headers[Self.secFetchSite], cookie: request.headers[.cookie]))
        var response: Response
        switch decision {
        case .pass:
            do {
                response = try await inner.respond(to: request, context: context)
            } catch let error as HTTPResponseError {
                response = try error.response(from: request, context: context)
            }
        case .redirect(let location, let cookie):
            response = Response(status: .seeOther, headers: [.location: location, .setCookie: cookie, .cacheControl: "no-store"])
        case .refuse(let status, let message):
            var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"]
            if status == 405 { headers[.allow] = "GET, HEAD" }
            response = Response(
                status: .init(code: status), headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
        }
        response.headers[Self.referrerPolicy] = "no-referrer"
        return response
    }
}

/// The port the server bound, known once it listens (port 0 binds any free one).
final class BoundPort: Sendable {
    let value = Atomic<Int>(0)
}
