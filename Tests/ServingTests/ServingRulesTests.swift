import ServingRules
import Testing

/// What `serve` parses from requests, without a server: Host headers, tokens and cookies, and how served text
/// names files.
@Suite struct ServingRulesTests {
    @Test("Host headers: names, IPv4 and IPv6 literals with or without a port; malformed ones refused")
    func hostHeaders() {
        #expect(HostHeader("localhost:8080")?.host == "localhost")
        #expect(HostHeader("127.0.0.1:8080")?.isIPLiteral == true && HostHeader("127.0.0.1:8080")?.port == 8080)
        #expect(HostHeader("[::1]:8080")?.isIPLiteral == true && HostHeader("[::1]")?.host == "::1")
        #expect(HostHeader("Proxy.Example.")?.host == "proxy.example" && HostHeader("proxy.example")?.isIPLiteral == false)
        #expect(HostHeader("127.0.0.1.evil.example")?.isIPLiteral == false, "a name that starts like an address is a name")
        #expect(HostHeader("1.2.3.256")?.isIPLiteral == false)
        for bad in ["", "a:b:c", "host:99999", "host:", "[::1", "[zz]:80", "ho st", "a..b", "évil.example", "host:-1"] {
            #expect(HostHeader(bad) == nil, "'\(bad)'")
        }
    }

    @Test("tokens: random ones differ and are 48 hex digits; matching is exact; cookies are read by name")
    func tokens() {
        let a = AccessToken.random(), b = AccessToken.random()
        #expect(a.value != b.value && a.value.count == 48 && a.value.allSatisfy(\.isHexDigit))
        #expect(a.matches(a.value) && !a.matches(b.value) && !a.matches(String(a.value.dropLast())) && !a.matches(a.value + "0") && !a.matches(nil))
        #expect(AccessToken("bad token") == nil && AccessToken("") == nil && AccessToken("ok-token_1.2") != nil)
        #expect(AccessToken.cookie(named: "dcn-report-token-8080", in: "x=1; dcn-report-token-8080=abc ; y=2") == "abc")
        #expect(AccessToken.cookie(named: "dcn-report-token-8080", in: "dcn-report-token-80801=abc") == nil)
    }

    @Test("the gate: the token's redirect is relative and keeps the rest of the query; refusals name what to do")
    func gateDecisions() {
        let gate = RequestGate(allowedHosts: ["Proxy.Example"], token: AccessToken("tok"), port: 9000)
        func request(_ path: String, query: String? = nil, host: String? = "localhost:9000", cookie: String? = nil) -> RequestGate.Request {
            RequestGate.Request(method: "GET", path: path, query: query, host: host, cookie: cookie)
        }
        #expect(
            gate.decide(request("/run/a/run/index.html", query: "v=2&token=tok"))
                == .redirect(location: "index.html?v=2", setCookie: "dcn-report-token-9000=tok; Path=/; HttpOnly; SameSite=Strict"))
        #expect(
            gate.decide(request("/", query: "token=tok"))
                == .redirect(location: "./", setCookie: "dcn-report-token-9000=tok; Path=/; HttpOnly; SameSite=Strict"))
        #expect(gate.decide(request("/", host: "proxy.example", cookie: "dcn-report-token-9000=tok")) == .pass)
        guard case .refuse(403, let message) = gate.decide(request("/", host: "evil.example")) else {
            Issue.record("not refused")
            return
        }
        #expect(message.contains("--allow-host evil.example"))
        guard case .refuse(403, let tokenMessage) = gate.decide(request("/api/runs")) else {
            Issue.record("not refused")
            return
        }
        #expect(tokenMessage.contains("?token="))
    }

    @Test("served text names files under the served folder relative to it, and any other path by its file name")
    func servedText() {
        #expect(ServedText.relative("/srv/runs/a/run/run.json: is not valid", under: "/srv/runs") == "a/run/run.json: is not valid")
        #expect(ServedText.relative("cannot read /home/me/data/x.npy (float64)", under: "/srv/runs") == "cannot read x.npy (float64)")
        #expect(ServedText.fileNames(in: "NumPy file /tmp/a/b/points.npy (float32)") == "NumPy file points.npy (float32)")
        #expect(ServedText.fileNames(in: "(from '/tmp/x/y.csv')") == "(from 'y.csv')")
    }

    @Test("cross-site: Sec-Fetch-Site says so, or an Origin whose host is not the request's Host (any scheme); null and other schemes are foreign")
    func crossSite() {
        let gate = RequestGate(token: nil, port: 9000)
        func decide(_ origin: String?, site: String? = nil, host: String = "proxy.example") -> RequestGate.Decision {
            RequestGate(allowedHosts: ["proxy.example"], token: nil, port: 9000)
                .decide(RequestGate.Request(method: "GET", path: "/run/a/run/", query: nil, host: host, origin: origin, secFetchSite: site))
        }
        #expect(decide(nil) == .pass && decide("https://proxy.example") == .pass && decide("http://proxy.example") == .pass)
        for foreign in ["https://evil.example", "http://proxy.example:8443", "null", "file://proxy.example"] {
            #expect(decide(foreign) != .pass, "\(foreign)")
        }
        #expect(decide(nil, site: "cross-site") != .pass && decide(nil, site: "same-site") == .pass)
        // Pages that only list runs may be opened from anywhere (the token still guards them).
        #expect(gate.decide(RequestGate.Request(method: "GET", path: "/", query: nil, host: "127.0.0.1", origin: "https://evil.example")) == .pass)
    }
}
