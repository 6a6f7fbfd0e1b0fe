import Foundation
import Report
import RunFormat
import Runs
import Serving
import Synchronization
import TestSupport

// `dcn-bench --only serve`: the server's figures from issue 23, each printed beside its limit.
//   1. the runs page's data for 1,000 run folders of 50 epochs each (made here), first request after start;
//   2. a 2-D frame of a 10,000-point run requested for the first time;
//   3. a new epoch seen by a long-polling client after its run.json is renamed into place (and the page's
//      new report fetched);
//   4. 50 concurrent clients on that running run (state, live frames, report page) for 10 s while it records
//      an epoch every 2 s: p50/p99 per request, errors, and this process's peak memory (server and clients).

func benchmarkServe(keep: Bool) throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("dcn-bench-serve-\(getpid())")
    defer { if !keep { try? FileManager.default.removeItem(at: root) } }
    let files = FileManager.default
    try files.createDirectory(at: root, withIntermediateDirectories: true)
    print("== serve (\(root.path))")

    // 1,000 small runs of 50 epochs: one trained, the rest copies.
    var small = RunRequest()
    small.pointsPerCluster = 10
    small.pretrainEpochs = 2
    small.epochs = 49
    small.quiet = true
    small.out = root.appendingPathComponent("sweep/run-0000").path
    let made = Date()
    _ = try small.train()
    for index in 1..<1_000 {
        try files.copyItem(
            at: root.appendingPathComponent("sweep/run-0000"), to: root.appendingPathComponent(String(format: "sweep/run-%04d", index)))
    }
    print(String(format: "made 1,000 run folders of 50 epochs in %.1f s", Date().timeIntervalSince(made)))
    // The server is measured, not the file system still writing back 200,000 fresh files.
    sync()
    Thread.sleep(forTimeInterval: 2)

    // One running run of 10,000 points with 2-D codes (the synthetic preset): epochs 0–2 listed, 3–6 to come.
    var large = RunRequest()
    large.pointsPerCluster = 2_500
    large.pretrainEpochs = 3
    large.epochs = 6
    large.quiet = true
    large.out = root.appendingPathComponent("live").path
    _ = try large.train()
    let live = root.appendingPathComponent("live/run")
    let full = try Data(contentsOf: live.appendingPathComponent("run.json"))
    func record(epochs: Int) throws { try SimulatedTraining.record(live, from: full, epochs: epochs) }
    try record(epochs: 3)
    try SimulatedTraining.claim(live, pid: getpid())

    let port = Mutex<Int?>(nil), stop = Atomic<Bool>(false)
    let templates = try TemplateLocator.locate()
    let server = RunServer(
        root: root, host: "127.0.0.1", port: 0, templates: templates,
        cacheFolder: root.appendingPathComponent(".dcn-report-cache"))
    let started = Date()
    let serving = Task { try await server.run(onRunning: { url in port.withLock { $0 = url.port } }, stop: { stop.load(ordering: .relaxed) }) }
    var bound: Int?
    while bound == nil && Date().timeIntervalSince(started) < 30 {
        Thread.sleep(forTimeInterval: 0.005)
        bound = port.withLock { $0 }
    }
    guard let port = bound else {
        print("the server did not start")
        return
    }
    defer {
        stop.store(true, ordering: .relaxed)
        let done = DispatchSemaphore(value: 0)
        Task {
            _ = try? await serving.value
            done.signal()
        }
        done.wait()
    }

    func timed(_ target: String) throws -> (ms: Double, reply: HTTPClient.Reply) {
        let start = DispatchTime.now().uptimeNanoseconds
        let reply = try HTTPClient.get(target, port: port)
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, reply)
    }
    let page = try timed("/")
    let rows = try timed("/api/runs")
    let again = try timed("/api/runs")
    let count = rows.reply.body.components(separatedBy: "\"path\"").count - 1
    print(
        String(
            format: "runs page, first request after start: HTML %.1f ms + its data (%d runs) %.1f ms = %.1f ms (limit 1,000 ms); data again %.1f ms",
            page.ms, count, rows.ms, page.ms + rows.ms, again.ms))

    // Where a first listing's time goes: one run.json read for a listing, one in full (one core, warm cache).
    let folders = (0..<200).map { root.appendingPathComponent(String(format: "sweep/run-%04d/run", $0)) }
    func perFile(_ read: (URL) throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        for folder in folders { try read(folder) }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(folders.count)
    }
    let listingRead = try perFile { _ = try RunListingEntry.read(in: $0) }
    let fullRead = try perFile { _ = try RecordedRun.readManifest(in: $0) }
    print(
        String(
            format: "  one run.json (%d KB): read for a listing %.2f ms, in full %.2f ms (one core)",
            (try Data(contentsOf: folders[0].appendingPathComponent("run.json"))).count / 1024, listingRead, fullRead))

    let frame = try timed("/run/live/run/live/epoch_0002.png")
    let frameAgain = try timed("/run/live/run/live/epoch_0002.png")
    print(
        String(
            format: "2-D frame of 10,000 points, first request: %.1f ms (limit 100 ms; status %d); again %.1f ms",
            frame.ms, frame.reply.status, frameAgain.ms))

    // A long-polling client, as the live page is: the answer arrives when the run records something.
    let reportFirst = try timed("/run/live/run/")
    print(String(format: "live run page, first request (renders the report): %.1f ms", reportFirst.ms))
    for epochs in [4, 5] {
        let state = try HTTPClient.get("/run/live/run/state", port: port).body
        let version = state.firstMatch(of: /"version":"([^"]*)"/).map { String($0.1) } ?? ""
        let answered = Mutex<UInt64?>(nil)
        let poller = Thread {
            _ = try? HTTPClient.get(
                "/run/live/run/state?after=" + (version.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), port: port)
            answered.withLock { $0 = DispatchTime.now().uptimeNanoseconds }
        }
        poller.start()
        Thread.sleep(forTimeInterval: 0.5)
        let renamed = DispatchTime.now().uptimeNanoseconds
        try record(epochs: epochs)
        while answered.withLock({ $0 }) == nil { Thread.sleep(forTimeInterval: 0.001) }
        let seen = Double((answered.withLock { $0 } ?? renamed) - renamed) / 1e6
        let newFrame = try timed(String(format: "/run/live/run/live/epoch_%04d.png", epochs - 1))
        let report = try timed("/run/live/run/index.html?v=next")
        print(
            String(
                format:
                    "epoch %d recorded → long poll answered in %.1f ms, its frame drawn in %.1f ms (together %.1f ms, limit 2,000 ms); the page's new report %.1f ms",
                epochs - 1, seen, newFrame.ms, seen + newFrame.ms, report.ms))
    }

    // 50 clients for 10 s on the running run, which records an epoch every 2 s meanwhile.
    let latencies = Mutex<[(target: Int, ms: Double)]>([]), errors = Atomic<Int>(0)
    let until = Date().addingTimeInterval(10)
    let targets =
        ProcessInfo.processInfo.environment["TARGETS"].map { $0.split(separator: ",").map(String.init) } ?? [
            "/run/live/run/state", "/run/live/run/live/epoch_0001.png", "/run/live/run/live/epoch_0004.png", "/run/live/run/",
            "/api/runs"
        ]
    var clients: [Thread] = []
    let finished = DispatchGroup()
    for client in 0..<50 {
        finished.enter()
        let thread = Thread {
            var mine: [(target: Int, ms: Double)] = []
            var step = client
            while Date() < until {
                let which = step % targets.count, target = targets[which]
                step += 1
                let start = DispatchTime.now().uptimeNanoseconds
                if let reply = try? HTTPClient.get(target, port: port), reply.status == 200 {
                    mine.append((which, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
                } else {
                    errors.add(1, ordering: .relaxed)
                }
            }
            latencies.withLock { $0 += mine }
            finished.leave()
        }
        clients.append(thread)
        thread.start()
    }
    var epochs = 5
    while Date() < until {
        Thread.sleep(forTimeInterval: 2)
        if epochs < 7 {
            epochs += 1
            try record(epochs: epochs)
        }
    }
    finished.wait()
    let all = latencies.withLock { $0 }
    func percentile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))]
    }
    let times = all.map(\.ms)
    print(
        String(
            format:
                "50 clients × 10 s on the running run (state, live frames, report page, runs data): %d requests, p50 %.1f ms, p99 %.1f ms (limit 200 ms), %d errors",
            times.count, percentile(times, 0.5), percentile(times, 0.99), errors.load(ordering: .relaxed)))
    for (index, target) in targets.enumerated() {
        let mine = all.filter { $0.target == index }.map(\.ms)
        print(
            String(
                format: "    %-36@ %5d requests, p50 %6.1f ms, p99 %6.1f ms", target as NSString, mine.count, percentile(mine, 0.5),
                percentile(mine, 0.99)))
    }
    print(String(format: "peak memory of this process (server, 50 clients, the data): %.0f MB (limit 500 MB)", peakResidentMiB()))
}
