import Foundation
import RunFormat
import Runs
import Serving
import ServingRules
import Synchronization
import Testing
import TestSupport

/// `dcn-report serve` speaks HTTP on a free port: the runs page's data, run pages that follow a training
/// run, 404 for anything outside the folder, an error row for a corrupted run.
@Suite("Serving runs", .serialized)
struct RunServerTests {
    /// A folder of runs: `a/run` complete, `b/run` "training" (status running, this process writing it,
    /// one epoch fewer recorded than it will have), `c/run` whose process died, `d/run` corrupted.
    func makeRuns() throws -> (root: URL, full: Data) {
        let root = temporaryDirectory("serve")
        var request = RunRequest()
        request.pointsPerCluster = 30
        request.pretrainEpochs = 2
        request.epochs = 2
        request.quiet = true
        request.out = root.appendingPathComponent("a").path
        _ = try request.train()
        let files = FileManager.default
        for name in ["b", "c", "d"] { try files.copyItem(at: root.appendingPathComponent("a"), to: root.appendingPathComponent(name)) }
        let full = try Data(contentsOf: root.appendingPathComponent("a/run/run.json"))
        try setRunning(root.appendingPathComponent("b/run"), epochs: 2, pid: ProcessInfo.processInfo.processIdentifier)
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        try setRunning(root.appendingPathComponent("c/run"), epochs: 2, pid: finished.processIdentifier)
        try Data("{ not json".utf8).write(to: root.appendingPathComponent("d/run/run.json"))
        // A symlink out of the folder is never followed.
        try files.createSymbolicLink(at: root.appendingPathComponent("outside"), withDestinationURL: URL(fileURLWithPath: "/etc"))
        return (root, full)
    }

    /// Marks a copied run as still training: status running, only epochs 0..<`epochs` listed, written by `pid`.
    func setRunning(_ run: URL, epochs: Int, pid: Int32) throws {
        try SimulatedTraining.record(run, from: Data(contentsOf: run.appendingPathComponent("run.json")), epochs: epochs)
        try SimulatedTraining.claim(run, pid: pid)
    }

    /// The trainer of `b/run` records the rest of its epochs (run.json replaced as the writer does, by rename;
    /// still running). Returns the last epoch.
    @discardableResult
    func recordRemainingEpochs(of run: URL, full: Data) throws -> Int {
        try SimulatedTraining.record(run, from: full)
    }

    /// Runs `body` against a server on a free port, then stops the server.
    /// - Parameters:
    ///   - longPoll: How long a live page's state request may wait (short, so a browser's virtual time moves on).
    ///   - observer: Sees every run request's path and query.
    func withServer(
        _ root: URL, longPoll: TimeInterval = 1, observer: (@Sendable (String) -> Void)? = nil, token: AccessToken? = nil,
        allowedHosts: [String] = [], _ body: (Int) async throws -> Void
    ) async throws {
        let port = Mutex<Int?>(nil), stop = Atomic<Bool>(false)
        var server = RunServer(
            root: root, host: "127.0.0.1", port: 0, templates: repositoryRoot().appendingPathComponent("templates"),
            cacheFolder: temporaryDirectory("serve-cache"))
        server.longPollSeconds = longPoll
        server.requestObserver = observer
        server.token = token
        server.allowedHosts = allowedHosts
        let task = Task { try await server.run(onRunning: { url in port.withLock { $0 = url.port } }, stop: { stop.load(ordering: .relaxed) }) }
        var bound: Int?
        for _ in 0..<300 where bound == nil {
            try await Task.sleep(for: .milliseconds(50))
            bound = port.withLock { $0 }
        }
        let free = try #require(bound, "the server did not start")
        do { try await body(free) } catch {
            stop.store(true, ordering: .relaxed)
            throw error
        }
        stop.store(true, ordering: .relaxed)
        try await task.value
    }

    func rows(_ port: Int) throws -> [String: RunRow] {
        let reply = try HTTPClient.get("/api/runs", port: port)
        #expect(reply.status == 200)
        let rows = try JSONDecoder().decode([RunRow].self, from: Data(reply.body.utf8))
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.path, $0) })
    }

    @Test("the runs page lists every run with its state: complete, running, stopped (process gone), error (corrupted)")
    func runsPage() async throws {
        let (root, _) = try makeRuns()
        try await withServer(root) { port in
            let page = try HTTPClient.get("/", port: port)
            #expect(page.status == 200 && page.body.contains("<title>Runs"))
            let rows = try rows(port)
            #expect(Set(rows.keys) == ["a/run", "b/run", "c/run", "d/run"], "\(rows.keys)")
            let last = try RecordedRun(directory: root.appendingPathComponent("a/run")).availableEpochs.last?.epoch
            #expect(rows["a/run"]?.status == "complete" && rows["a/run"]?.epoch == last && rows["a/run"]?.nmi != nil)
            #expect(rows["b/run"]?.status == "running" && rows["b/run"]?.epoch == 1)
            // Every recorded setting comes with the row, as text (the page shows those that differ as columns).
            #expect(rows["a/run"]?.settings?["epochs"] == "2" && rows["a/run"]?.settings?["hiddenLayers"] == "100-50-10")
            #expect(rows["c/run"]?.status == "stopped")
            #expect(rows["d/run"]?.status == "error" && rows["d/run"]?.error?.contains("run.json") == true)
            // The other runs' pages still render next to the corrupted one.
            let report = try HTTPClient.get("/run/a/run/", port: port)
            #expect(report.status == 200 && report.body.contains("epoch_0002.png") && report.body.contains("connect-src 'self'"))
            #expect(try HTTPClient.get("/run/a/run/frames/epoch_0002.png", port: port).status == 200)
            // One epoch's frame on its own, drawn on demand: a PNG; an epoch not recorded is 404.
            let live = try HTTPClient.get("/run/b/run/live/epoch_0001.png", port: port)
            #expect(live.status == 200 && live.body.contains("PNG") && live.body.contains("IHDR"))
            #expect(try HTTPClient.get("/run/b/run/live/epoch_0002.png", port: port).status == 404)
            #expect(try HTTPClient.get("/run/b/run/live/epoch_x.png", port: port).status == 404)
            let broken = try HTTPClient.get("/run/d/run/", port: port)
            #expect(broken.status == 200 && broken.body.contains("cannot be shown"))
        }
    }

    @Test("a training run's page gains the epoch it records, and its state says so")
    func followsTraining() async throws {
        let (root, full) = try makeRuns()
        try await withServer(root) { port in
            let before = try HTTPClient.get("/run/b/run/", port: port)
            #expect(before.body.contains("epoch_0001.png") && !before.body.contains("epoch_0002.png"))
            #expect(try HTTPClient.get("/run/b/run/state", port: port).body.contains("\"epoch\":\"1\""))
            let last = try recordRemainingEpochs(of: root.appendingPathComponent("b/run"), full: full)
            #expect(last >= 2)
            #expect(try HTTPClient.get("/run/b/run/state", port: port).body.contains("\"epoch\":\"\(last)\""))
            // A page asking for the newest version waits for it (as a live page does); a plain request may get the
            // previous report while the new one renders, and gets the new one once it has.
            #expect(try HTTPClient.get("/run/b/run/index.html?v=new", port: port).body.contains(String(format: "epoch_%04d.png", last)))
            #expect(try HTTPClient.get("/run/b/run/", port: port).body.contains(String(format: "epoch_%04d.png", last)))
        }
    }

    @Test("paths outside the folder get 404: .., encoded traversal, absolute paths, symlinks out, unknown runs")
    func traversalRefused() async throws {
        let (root, _) = try makeRuns()
        try await withServer(root) { port in
            for target in [
                "/run/../../../etc/passwd", "/run/%2e%2e/%2e%2e/etc/passwd", "/run/a/run/..%2f..%2f..%2fetc%2fpasswd",
                "/run//etc/passwd", "/run/%2fetc%2fpasswd", "/run/outside/passwd", "/run/a/run/../../d/run/run.json",
                "/run/nothing/here/", "/etc/passwd"
            ] {
                let reply = try HTTPClient.get(target, port: port)
                #expect(reply.status == 404, "\(target) → \(reply.status)")
                #expect(!reply.body.contains("root:"), "\(target) leaked a file")
            }
        }
    }

    @Test("RequestPath keeps every resolved path inside the root")
    func requestPaths() throws {
        let root = RequestPath.resolvedRoot(temporaryDirectory("paths"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("x/y"), withIntermediateDirectories: true)
        #expect(RequestPath.resolve(["x", "y"], under: root)?.path == root.appendingPathComponent("x/y").path)
        for bad: [Substring] in [[".."], ["x", ".."], ["%2e%2e"], ["x%2f..%2f.."], [""], ["a%00b"], ["%5c.."]] {
            #expect(RequestPath.resolve(bad, under: root) == nil, "\(bad)")
        }
    }

    @Test("dcn-report serve prints its URL, answers, and exits 0 on SIGTERM")
    func stopsOnSigterm() throws {
        guard let binary = builtBinary() else {
            Issue.record("dcn-report binary not built")
            return
        }
        let (root, _) = try makeRuns()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", root.path, "--port", "0", "--templates", repositoryRoot().appendingPathComponent("templates").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while !text.contains("\n") && Date() < deadline && process.isRunning {
            text += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }
        let match = try #require(text.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{48})\s/), "no URL with a token printed: \(text)")
        let port = try #require(Int(match.1)), token = String(match.2)
        #expect(try HTTPClient.get("/api/runs", port: port).status == 403, "without the token")
        #expect(try HTTPClient.get("/api/runs?token=\(token)", port: port).status == 303)
        #expect(try HTTPClient.send("GET", "/api/runs", port: port, headers: [("Cookie", "dcn-report-token-\(port)=\(token)")]).status == 200)
        kill(process.processIdentifier, SIGTERM)
        let stopBy = Date().addingTimeInterval(20)
        while process.isRunning && Date() < stopBy { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning, "still running 20 s after SIGTERM")
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && process.terminationReason == .exit)
        #expect((try? HTTPClient.get("/api/runs", port: port)) == nil, "the port is closed")
    }

    @Test("in headless Chromium the runs page fills its table from the server, and a run page loads, with no console errors")
    func inBrowser() async throws {
        guard HeadlessChromium.path != nil else {
            Issue.record("chromium is not installed; `make test` installs it")
            return
        }
        let (root, _) = try makeRuns()
        try await withServer(root) { port in
            let (runs, runsLog, _) = try HeadlessChromium.open(URL(string: "http://127.0.0.1:\(port)/")!)
            #expect(runs.contains(">a/run</a>") && runs.contains(">stopped<") && runs.contains("4 run folders"), "\(runs.suffix(600))")
            #expect(HeadlessChromium.consoleProblems(runsLog).isEmpty, "\(HeadlessChromium.consoleProblems(runsLog))")
            let (page, pageLog, _) = try HeadlessChromium.open(URL(string: "http://127.0.0.1:\(port)/run/b/run/")!, budget: 1000)
            #expect(page.contains("epoch_0001.png") && page.contains("live · running · epoch 1"), "\(page.suffix(400))")
            #expect(HeadlessChromium.consoleProblems(pageLog).isEmpty, "\(HeadlessChromium.consoleProblems(pageLog))")
        }
    }

    @Test("in headless Chromium a live run page gains the epoch the run records, without reloading; the player follows it")
    func liveInBrowser() async throws {
        guard HeadlessChromium.path != nil else {
            Issue.record("chromium is not installed; `make test` installs it")
            return
        }
        let (root, full) = try makeRuns()
        let requests = Mutex<[String]>([])
        try await withServer(root, observer: { path in requests.withLock { $0.append(path) } }) { port in
            let page = URL(string: "http://127.0.0.1:\(port)/run/b/run/")!
            let browser = Task.detached { try HeadlessChromium.open(page, budget: 1000) }
            // Once the page waits for news (its first long poll), the trainer records its next epoch.
            let deadline = Date().addingTimeInterval(90)
            while !requests.withLock({ $0.contains { $0.contains("state?after=") } }) && Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let last = try recordRemainingEpochs(of: root.appendingPathComponent("b/run"), full: full)
            let (dom, log, _) = try await browser.value
            #expect(dom.contains("data-page-loads=\"1\""), "the page reloaded: \(dom.prefix(300))")
            #expect(dom.contains("data-live-updates=\"1\"") && dom.contains("data-live-frames=\"\(last + 1)\""), "\(dom.prefix(400))")
            #expect(dom.contains("data-player-frame=\"\(last)\""), "the player did not follow the newest frame")
            #expect(dom.contains(String(format: "epoch_%04d.png", last)) && dom.contains("live · running · epoch \(last)"))
            #expect(HeadlessChromium.consoleProblems(log).isEmpty, "\(HeadlessChromium.consoleProblems(log))")
            #expect(requests.withLock { $0.contains { $0.hasPrefix("/run/b/run/index.html?v=") } }, "the new report was not fetched")
            #expect(dom.contains("live/epoch_") && dom.contains("Live view while the run trains"), "the player does not show the live frames")
        }
    }

    @Test("runs selected on the runs page are compared on the fly, without writing into their folders; Chromium shows it cleanly")
    func comparesSelection() async throws {
        let (root, _) = try makeRuns()
        let before = try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted()
        try await withServer(root) { port in
            let redirect = try HTTPClient.get("/compare?run=a/run&run=b/run&run=d/run&run=../../etc", port: port)
            #expect(redirect.status == 303)
            let location = try #require(redirect.location, "no Location header")
            // Relative to /compare, so that the server works behind a path prefix.
            #expect(location.hasPrefix("compare/") && location.hasSuffix("/"))
            let target = "/" + location
            let same = try HTTPClient.get("/compare?run=b/run&run=a/run&run=d/run", port: port)
            #expect(same.location == location, "the same selection in another order gets the same comparison")
            let page = try HTTPClient.get(target, port: port)
            #expect(page.status == 200 && page.body.contains("connect-src 'self'"), "\(page.body.prefix(300))")
            let names = try ["a", "b"].map { try RecordedRun(directory: root.appendingPathComponent("\($0)/run")).manifest.name }
            #expect(names.allSatisfy { page.body.contains($0) })
            #expect(try HTTPClient.get("/compare?run=../../etc&run=nothing", port: port).status == 404)
            #expect(try HTTPClient.get("/compare/0000000000000000/", port: port).status == 404)
            if HeadlessChromium.path != nil {
                let (dom, log, _) = try HeadlessChromium.open(URL(string: "http://127.0.0.1:\(port)\(target)")!)
                #expect(dom.contains("<table"), "\(dom.suffix(300))")
                #expect(HeadlessChromium.consoleProblems(log).isEmpty, "\(HeadlessChromium.consoleProblems(log))")
            } else {
                Issue.record("chromium is not installed; `make test` installs it")
            }
        }
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted() == before, "the server wrote into the served folder")
    }

    @Test("train --serve: the run is listed while it trains and when complete; the server then serves until SIGTERM")
    func trainServe() throws {
        guard let binary = builtBinary() else {
            Issue.record("dcn-report binary not built")
            return
        }
        let out = temporaryDirectory("train-serve").appendingPathComponent("watched")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.currentDirectoryURL = repositoryRoot()
        process.arguments = [
            "train", "--points-per-cluster", "100", "--pretrain-epochs", "5", "--epochs", "150", "--quiet",
            "--out", out.path, "--serve", "--serve-port", "0"
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let lines = ReadLines(output.fileHandleForReading)
        let deadline = Date().addingTimeInterval(120)
        var port: Int?, cookie: [(String, String)] = []
        while port == nil && Date() < deadline && process.isRunning {
            if let match = lines.text.firstMatch(of: /watch it at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{48})\s/) {
                port = Int(match.1)
                cookie = [("Cookie", "dcn-report-token-\(match.1)=\(match.2)")]
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let bound = try #require(port, "no URL printed: \(lines.text)")
        var seen: Set<String> = []
        while !lines.text.contains("still serving") && Date() < deadline {
            if let reply = try? HTTPClient.send("GET", "/api/runs", port: bound, headers: cookie),
                let rows = try? JSONDecoder().decode([RunRow].self, from: Data(reply.body.utf8))
            {
                seen.formUnion(rows.map(\.status))
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        // The listing may be up to RunIndex.listInterval old: asked again until it says complete.
        var rows: [RunRow] = []
        let listed = Date().addingTimeInterval(10)
        repeat {
            rows = try JSONDecoder().decode([RunRow].self, from: Data(HTTPClient.send("GET", "/api/runs", port: bound, headers: cookie).body.utf8))
            if rows.first?.status != "complete" { Thread.sleep(forTimeInterval: 0.2) }
        } while rows.first?.status != "complete" && Date() < listed
        #expect(rows.map(\.path) == ["run"] && rows.first?.status == "complete")
        #expect(seen.contains("running"), "statuses seen while training: \(seen)")
        #expect(lines.text.contains(out.appendingPathComponent("run").path), "the run folder is printed when training ends")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

/// Collects a pipe's text as it arrives.
final class ReadLines: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = ""
    var text: String { lock.withLock { collected } }

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                self.lock.withLock { self.collected += String(decoding: data, as: UTF8.self) }
            }
        }
    }
}
