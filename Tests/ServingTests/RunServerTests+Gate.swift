import Foundation
import NPYFormat
import RunFormat
import Runs
import Serving
import ServingRules
import Testing
import TestSupport

/// `serve` on a shared machine and a network: the Host check against DNS rebinding, the token, cross-site
/// requests that would make it work, methods other than reading, and pages that never show the server's paths.
/// In the serialized suite of the other server tests: each blocks a thread of the cooperative pool in its
/// synchronous client while the server needs one to answer, so two at once on two cores would wait forever.
extension RunServerTests {
    /// Every kind of page the server has: listing, API, a report, a run file, a live frame, a comparison, an unknown path.
    var gateTargets: [String] {
        [
            "/", "/api/runs", "/run/a/run/", "/run/a/run/frames/epoch_0002.png", "/run/b/run/live/epoch_0001.png",
            "/compare?run=a/run&run=b/run", "/no/such/page"
        ]
    }

    @Test("a foreign or missing Host gets 403 on every kind of page; IP literals, localhost and an --allow-host name pass")
    func hostChecked() async throws {
        let (root, _) = try makeRuns()
        try await withServer(root, allowedHosts: ["proxy.example"]) { port in
            for target in gateTargets {
                for host in ["evil.example", "evil.example:\(port)", "127.0.0.1.evil.example", "localhost.evil.example", nil] as [String?] {
                    let reply = try HTTPClient.send("GET", target, port: port, host: host)
                    #expect(reply.status == 403, "\(target) with Host \(host ?? "none"): \(reply.status)")
                    #expect(reply.headers["referrer-policy"] == "no-referrer")
                }
            }
            for host in ["127.0.0.1:\(port)", "[::1]:\(port)", "localhost:\(port)", "LOCALHOST", "proxy.example", "proxy.example:443"] {
                #expect(try HTTPClient.send("GET", "/api/runs", port: port, host: host).status == 200, "Host \(host)")
            }
        }
    }

    @Test("requests from another site that would make the server render get 403; reading the listing does not; POST gets 405")
    func crossSiteAndMethods() async throws {
        let (root, _) = try makeRuns()
        try await withServer(root) { port in
            for target in ["/run/a/run/", "/run/b/run/live/epoch_0001.png", "/compare?run=a/run&run=b/run"] {
                #expect(try HTTPClient.send("GET", target, port: port, headers: [("Sec-Fetch-Site", "cross-site")]).status == 403, "\(target)")
                #expect(try HTTPClient.send("GET", target, port: port, headers: [("Origin", "http://evil.example")]).status == 403, "\(target)")
                let own = try HTTPClient.send("GET", target, port: port, headers: [("Origin", "http://127.0.0.1"), ("Sec-Fetch-Site", "same-origin")])
                #expect(own.status != 403, "\(target) from the server's own pages")
            }
            #expect(try HTTPClient.send("GET", "/", port: port, headers: [("Sec-Fetch-Site", "cross-site")]).status == 200)
            for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
                for target in ["/", "/api/runs", "/run/a/run/", "/no/such/page"] {
                    let reply = try HTTPClient.send(method, target, port: port)
                    #expect(reply.status == 405 && reply.headers["allow"] == "GET, HEAD", "\(method) \(target): \(reply.status)")
                }
            }
            #expect(try HTTPClient.send("HEAD", "/api/runs", port: port).status == 200)
        }
    }

    @Test(
        "with a token: 403 without it, a redirect that sets an HttpOnly SameSite=Strict cookie named by the port and drops it from the address, then the cookie suffices"
    )
    func tokenExchange() async throws {
        let (root, _) = try makeRuns()
        let token = try #require(AccessToken("t0ken-for-tests"))
        try await withServer(root, token: token) { port in
            for target in gateTargets { #expect(try HTTPClient.get(target, port: port).status == 403, "\(target) without the token") }
            #expect(try HTTPClient.get("/?token=wrong", port: port).status == 403)
            let exchange = try HTTPClient.get("/run/a/run/?token=t0ken-for-tests&v=2", port: port)
            #expect(exchange.status == 303)
            #expect(exchange.location == "./?v=2", "relative, without the token: \(exchange.location ?? "none")")
            let cookie = try #require(exchange.headers["set-cookie"])
            #expect(cookie.hasPrefix("dcn-report-token-\(port)=t0ken-for-tests") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let header = [("Cookie", "other=1; dcn-report-token-\(port)=t0ken-for-tests")]
            #expect(try HTTPClient.send("GET", "/api/runs", port: port, headers: header).status == 200)
            #expect(try HTTPClient.send("GET", "/run/a/run/", port: port, headers: header).status == 200)
            #expect(
                try HTTPClient.send("GET", "/api/runs", port: port, headers: [("Cookie", "dcn-report-token-1=t0ken-for-tests")]).status == 403,
                "another port's cookie is not this server's")
        }
    }

    @Test("served pages and error rows name files under the served folder, never by a path of the server")
    func noServerPaths() async throws {
        let (root, _) = try makeRuns()
        // A run trained on a file the user typed as an absolute path.
        let data = root.appendingPathComponent("data/points.npy")
        try FileManager.default.createDirectory(at: data.deletingLastPathComponent(), withIntermediateDirectories: true)
        let values: [Float] = (0..<120).map { (i: Int) -> Float in Float(i % 4) * 3 + Float(i % 7) / 10 }
        try NPYWriter.encode(values, shape: [60, 2]).write(to: data)
        var request = RunRequest()
        request.dataset = data.path
        request.clusters = 3
        request.pretrainEpochs = 2
        request.epochs = 2
        request.hidden = [8]
        request.quiet = true
        request.out = root.appendingPathComponent("e").path
        _ = try request.train()
        try await withServer(root) { port in
            for target in ["/", "/api/runs", "/run/a/run/", "/run/e/run/", "/run/d/run/"] {
                let body = try HTTPClient.get(target, port: port).body
                #expect(!body.contains(root.path), "\(target) shows the served folder's path")
                #expect(!body.contains(FileManager.default.temporaryDirectory.path + "/"), "\(target) shows a path of the server")
            }
            let page = try HTTPClient.get("/run/e/run/", port: port).body
            #expect(page.contains("points.npy") && page.contains("e/run (run.json"))
            let rows = try rows(port)
            #expect(rows["d/run"]?.error?.hasPrefix("d/run/run.json") == true, "\(rows["d/run"]?.error ?? "")")
        }
    }
}
