public import Foundation
import Hummingbird
import Logging
import RunFormat
import Runs
import ServiceLifecycle
import ServingRules
import Synchronization

/// `dcn-report serve`: a read-only HTTP server over a folder of run folders — the runs page (every run,
/// updating while they train), each run's report (rendered into a cache the server owns, re-rendered as
/// the run records epochs) and the state a live page polls. Paths outside the folder, encoded traversal
/// and symlinks out of it get 404; a run folder that cannot be read is one error row, never a failed page.
public struct RunServer: Sendable {
    /// The served folder.
    public let root: URL
    public let host: String
    /// The port; 0 for any free one (the bound port is passed to `onRunning`).
    public let port: Int
    let templates: URL
    let cacheFolder: URL
    /// The longest a live page's state request waits for the run to record something (a long poll).
    public var longPollSeconds: TimeInterval = 15
    /// Called with the path and query of every request for a run (for tests and logs).
    public var requestObserver: (@Sendable (String) -> Void)?
    /// The token a browser must bring (in the printed URL, then a cookie), or nil for none (`--no-token`).
    public var token: AccessToken?
    /// Host names besides `localhost` that requests may name (`--allow-host`).
    public var allowedHosts: [String] = []

    /// - Parameters:
    ///   - root: The folder whose run folders are served (any depth).
    ///   - host: The address to bind (127.0.0.1 unless the user chose otherwise).
    ///   - port: The port, or 0 for a free one.
    ///   - templates: The report templates (`runs.html` and `report.mustache`).
    ///   - cacheFolder: Where rendered reports go (emptied at start).
    public init(root: URL, host: String, port: Int, templates: URL, cacheFolder: URL) {
        self.root = RequestPath.resolvedRoot(root)
        self.host = host
        self.port = port
        self.templates = templates
        self.cacheFolder = cacheFolder
    }

    /// Serves until ``StopSignal`` (Ctrl-C, SIGTERM) or `stop()` says to stop, then shuts down cleanly.
    /// - Parameters:
    ///   - onRunning: Called with the URL once the server listens.
    ///   - stop: Polled every 0.1 s besides the signal (tests stop the server this way).
    public func run(onRunning: @escaping @Sendable (URL) -> Void, stop: @escaping @Sendable () -> Bool = { false }) async throws {
        let index = RunIndex(root: root)
        let reports = ReportCache(folder: cacheFolder, templates: templates)
        let liveFrames = LiveFrames()
        let comparisons = ComparisonCache(folder: cacheFolder.appendingPathComponent("comparisons"), templates: templates)
        let runsPage = try Data(contentsOf: templates.appendingPathComponent("runs.html"))
        let router = Router(options: .autoGenerateHeadEndpoints)
        let root = self.root
        let stopping = StopFlag()
        router.get("/") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: runsPage)))
        }
        router.get("/api/runs") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: index.rowsJSON())))
        }
        router.get("/compare") { request, _ in
            // `?run=a/run&run=b/run` → the selection's own folder, so the comparison's relative links work.
            let runs = request.uri.queryParameters.getAll("run").compactMap { path -> URL? in
                guard let folder = RequestPath.resolve(path.split(separator: "/"), under: root),
                    FileManager.default.fileExists(atPath: folder.appendingPathComponent("run.json").path)
                else { return nil }
                return folder
            }
            guard !runs.isEmpty else {
                return Self.html(status: .notFound, "<h1>No runs to compare</h1><p>Select runs on the <a href=\"./\">runs page</a>.</p>")
            }
            // Relative (from /compare), so the server also works behind a path prefix.
            return Response(status: .seeOther, headers: [.location: "compare/\(await comparisons.register(runs))/"])
        }
        router.get("/compare/:id/**") { request, context in
            try await Self.comparisonResponse(
                id: context.parameters.get("id") ?? "", parts: context.parameters.getCatchAll(), comparisons: comparisons)
        }
        router.get("/compare/:id") { request, context in
            guard request.uri.path.hasSuffix("/") else { return Self.addSlash(request) }
            return try await Self.comparisonResponse(id: context.parameters.get("id") ?? "", parts: [], comparisons: comparisons)
        }
        let observer = requestObserver, longPoll = longPollSeconds
        router.get("/run/**") { request, context in
            observer?(request.uri.description)
            return try await Self.runResponse(
                request: request, parts: context.parameters.getCatchAll(), root: root, index: index, reports: reports,
                liveFrames: liveFrames, stopping: stopping, longPoll: longPoll)
        }
        var logger = Logger(label: "dcn-report-serve")
        logger.logLevel = .warning
        let host = self.host
        let boundPort = BoundPort(), token = self.token
        let responder = GatedResponder(inner: router.buildResponder(), allowedHosts: allowedHosts, token: token, port: boundPort)
        let app = Application(
            responder: responder, configuration: .init(address: .hostname(host, port: port), serverName: "dcn-report"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                boundPort.value.store(bound, ordering: .relaxed)
                let query = token.map { "?token=\($0.value)" } ?? ""
                onRunning(URL(string: "http://\(host.contains(":") ? "[\(host)]" : host):\(bound)/\(query)")!)
            }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        // The server runs until it ends by itself (a bind error) or the watcher asks it to shut down gracefully;
        // the watcher is cancelled only once the server has finished, so a shutdown is never cut short.
        try await withThrowingTaskGroup(of: Bool.self) { tasks in
            tasks.addTask {
                try await group.run()
                return true
            }
            tasks.addTask {
                while !StopSignal.requested && !stop() && !Task.isCancelled { try? await Task.sleep(for: .milliseconds(100)) }
                stopping.set()  // long polls answer now, so the graceful shutdown does not wait for them
                await group.triggerGracefulShutdown()
                return false
            }
            for try await serverEnded in tasks where serverEnded {
                tasks.cancelAll()
                break
            }
        }
    }

    /// `/run/<path>/…`: the run's report files, `state` (what a live page polls), or `live/epoch_NNNN.png`
    /// (one epoch's frame on its own, drawn on demand).
    static func runResponse(
        request: Request, parts: [Substring], root: URL, index: RunIndex, reports: ReportCache, liveFrames: LiveFrames,
        stopping: StopFlag, longPoll: TimeInterval
    ) async throws -> Response {
        // The run folder is the longest prefix of the path holding run.json; the rest names a file of its report.
        guard !parts.isEmpty else { return notFound }
        for split in stride(from: parts.count, through: 1, by: -1) {
            // A cheap look for run.json first (one `stat`; most prefixes of a file's path hold none), then the
            // full check of the folder that does.
            guard let candidate = RequestPath.joined(Array(parts[..<split]), under: root.path) else { return notFound }
            var info = stat()
            guard stat(candidate + "/run.json", &info) == 0 else { continue }
            guard let folder = RequestPath.resolve(Array(parts[..<split]), under: root) else { return notFound }
            let rest = Array(parts[split...])
            let key = String(folder.path.dropFirst(root.path.count))
            if rest == ["state"] {
                // A long poll: with `after` naming the version the page shows, the answer waits until the run
                // records something (or the wait ends, or the server stops), so a page learns of an epoch at once.
                var version = RunIndex.stamp(of: folder)
                if let after = request.uri.queryParameters.get("after"), after == version {
                    let deadline = Date().addingTimeInterval(longPoll)
                    while after == version, Date() < deadline, !stopping.isSet {
                        try? await Task.sleep(for: .milliseconds(100))
                        version = RunIndex.stamp(of: folder)
                    }
                }
                let row = index.row(of: folder)
                return try json(["status": row.status, "epoch": row.epoch.map(String.init) ?? "", "version": version])
            }
            if rest.count == 2, rest[0] == "live", let epoch = liveFrameEpoch(rest[1]) {
                do {
                    let png = try await liveFrames.frame(of: folder, epoch: epoch)
                    return Response(
                        status: .ok, headers: [.contentType: "image/png", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: png)))
                } catch {
                    return notFound
                }
            }
            if rest.isEmpty && !request.uri.path.hasSuffix("/") {
                return addSlash(request)
            }
            let report: URL
            // A page asking for a version (`?v=`, as a live page does) waits for the newest report; others may get
            // the previous one while it renders.
            let fresh = request.uri.queryParameters.get("v") != nil
            do { report = try await reports.report(of: folder, key: key, fresh: fresh) } catch {
                return html(
                    status: .ok,
                    "<h1>\(escape(key))</h1><p class=\"error\">This run folder cannot be shown: \(escape(ServedText.relative("\(error)", under: root.path)))</p>"
                )
            }
            guard let file = RequestPath.resolve(rest.isEmpty ? ["index.html"] : rest, under: report),
                let data = FileManager.default.contents(atPath: file.path)
            else { return notFound }
            return Response(
                status: .ok, headers: [.contentType: contentType(file.pathExtension), .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        return notFound
    }

    /// `/compare/<id>/…`: a selection's comparison, built (again) when its runs have moved on.
    static func comparisonResponse(id: String, parts: [Substring], comparisons: ComparisonCache) async throws -> Response {
        let folder: URL?
        do { folder = try await comparisons.comparison(id) } catch {
            return html(
                status: .ok,
                "<h1>Comparison</h1><p class=\"error\">These runs cannot be compared: \(escape(ServedText.fileNames(in: "\(error)")))</p>")
        }
        guard let folder, let file = RequestPath.resolve(parts.isEmpty ? ["index.html"] : parts, under: folder),
            let data = FileManager.default.contents(atPath: file.path)
        else { return notFound }
        return Response(
            status: .ok, headers: [.contentType: contentType(file.pathExtension), .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The epoch a live frame's name `epoch_NNNN.png` (1–6 digits) gives, or nil.
    static func liveFrameEpoch(_ name: Substring) -> Int? {
        guard name.hasPrefix("epoch_"), name.hasSuffix(".png") else { return nil }
        let digits = name.dropFirst(6).dropLast(4)
        guard (1...6).contains(digits.count), digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(digits)
    }

    static var notFound: Response { html(status: .notFound, "<h1>Not found</h1>") }

    static func html(status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "<!doctype html><meta charset=utf-8><title>dcn-report</title>" + body)))
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func contentType(_ pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "png": "image/png"
        case "gif": "image/gif"
        case "svg": "image/svg+xml"
        case "pdf": "application/pdf"
        case "json": "application/json"
        case "csv": "text/csv"
        default: "application/octet-stream"
        }
    }

    /// Text made inert in HTML.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

extension RunServer {
    /// `dcn-report serve DIR`: checks the flags, serves `directory` with a cache folder of its own (removed
    /// at the end), prints the URL (and a warning when the address is not the loopback one), then blocks
    /// until Ctrl-C or SIGTERM and returns after a clean shutdown.
    /// - Parameters:
    ///   - token: The token browsers must bring, or nil for none (`--no-token`).
    ///   - allowedHosts: Host names besides `localhost` requests may name (`--allow-host`).
    public static func serve(
        directory: String, host: String, port: Int, templates: URL, token: AccessToken?,
        allowedHosts: [String] = []
    ) throws {
        guard (0...65_535).contains(port) else { throw FlagValueError("--port must be 0–65535, got \(port)") }
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw FlagValueError("\(directory): no such folder")
        }
        let cache = processCacheFolder
        defer { try? FileManager.default.removeItem(at: cache) }
        var server = RunServer(root: root, host: host, port: port, templates: templates, cacheFolder: cache)
        server.token = token
        server.allowedHosts = allowedHosts
        try server.serveUntilStopped()
    }

    /// A redirect from a folder's path without its slash to the path with it, relative (its last name and a
    /// slash), so that it also works behind a path prefix.
    static func addSlash(_ request: Request) -> Response {
        let last = request.uri.path.split(separator: "/").last.map(String.init) ?? ""
        return Response(status: .movedPermanently, headers: [.location: last + "/" + (request.uri.query.map { "?" + $0 } ?? "")])
    }

    /// This process's cache folder for rendered reports, in the temporary directory (removed when serving ends).
    static var processCacheFolder: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("dcn-report-serve-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Serves from synchronous code until Ctrl-C or SIGTERM.
    func serveUntilStopped() throws {
        if host != "127.0.0.1" && host != "localhost" && host != "::1" {
            let who =
                token == nil
                ? "anyone who can reach this machine can read these runs (--no-token)"
                : "anyone who can reach this machine and has the printed address can read these runs"
            FileHandle.standardError.write(Data("warning: serving on \(host): \(who)\n".utf8))
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await run(onRunning: { url in
                    // Written straight to the descriptor, so a parent reading the URL from a pipe sees it now.
                    FileHandle.standardOutput.write(Data("serving \(root.path) at \(url.absoluteString) (Ctrl-C stops)\n".utf8))
                })
            } catch {
                outcome.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    /// Set once the server is shutting down.
    final class StopFlag: Sendable {
        private let flag = Atomic<Bool>(false)
        var isSet: Bool { flag.load(ordering: .relaxed) }
        func set() { flag.store(true, ordering: .relaxed) }
    }

    /// The error a background run ended with, handed back to the waiting thread.
    final class Outcome: Sendable {
        private let stored = Mutex<(any Error)?>(nil)
        var error: (any Error)? { stored.withLock { $0 } }
        func set(_ error: any Error) { stored.withLock { $0 = error } }
    }
}
