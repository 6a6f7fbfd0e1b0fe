import DCNReportCommand
import Foundation
import TestSupport
import Testing

/// Opens a generated report in headless Chromium from disk (no network) and checks that it loads
/// without console errors or failed resources and that the player steps to another frame.
/// `make test` installs Debian's `chromium` when it is missing.
@Suite("The report in a real browser", .serialized)
struct BrowserTests {
    var chromium: String? { HeadlessChromium.path }

    func makeReport(_ extra: [String] = []) throws -> URL {
        let out = temporaryDirectory("browser").appendingPathComponent("report")
        var command = try DCNReport.parseAsRoot(
            // --no-keep-better: the frames are epochs 0–4 whichever labelling the run would keep.
            [
                "generate", "--points-per-cluster", "40", "--pretrain-epochs", "3", "--epochs", "4", "--no-keep-better", "--quiet", "--frame-size",
                "600x280",
                "--templates", repositoryRoot().appendingPathComponent("templates").path, "--out", out.path
            ] + extra)
        try command.run()
        return out
    }

    func open(_ page: URL, screenshot: URL? = nil) throws -> (dom: String, log: String) {
        guard chromium != nil else {
            Issue.record("chromium is not installed; `make test` installs it")
            return ("", "")
        }
        let (dom, log, status) = try HeadlessChromium.open(page, screenshot: screenshot)
        if screenshot == nil && dom.isEmpty {
            // An empty DOM means the page was never read: fail rather than let the caller pass on nothing.
            Issue.record("chromium returned no DOM for \(page.lastPathComponent) (exit \(status)): \(log.suffix(400))")
        }
        return (dom, log)
    }

    func consoleProblems(_ log: String) -> [String] { HeadlessChromium.consoleProblems(log) }

    @Test("a comparison report loads from file:// with no errors, its table filled and its images present")
    func comparisonPage() throws {
        let folder = temporaryDirectory("browser-compare")
        for (name, lambda) in [("a", "0.5"), ("b", "2")] {
            var command = try DCNReport.parseAsRoot([
                "train", "--quiet", "--points-per-cluster", "40", "--pretrain-epochs", "3",
                "--epochs", "2", "--lambda", lambda, "--out", folder.appendingPathComponent(name).path
            ])
            try command.run()
        }
        let out = folder.appendingPathComponent("comparison")
        var compare = try DCNReport.parseAsRoot([
            "compare", "--quiet", folder.appendingPathComponent("a").path, folder.appendingPathComponent("b").path,
            "--out", out.path, "--templates", repositoryRoot().appendingPathComponent("templates").path
        ])
        try compare.run()
        let (dom, log) = try open(out.appendingPathComponent("index.html"))
        guard chromium != nil else { return }
        #expect(consoleProblems(log).isEmpty, "\(consoleProblems(log))")
        #expect(dom.contains("<td data-sort=\"lambda 0.5\">lambda 0.5</td>") && dom.contains("<td data-sort=\"lambda 2\">lambda 2</td>"))
        #expect(dom.contains("figures/nmi-vs-lambda.png") && dom.contains("tiles/setting_002.png"))
        #expect(dom.contains("href=\"../a/index.html\""), "the tile links to the run's own report")
    }

    @Test("the report loads from file:// with no errors, and the player steps to another frame")
    func playerSteps() throws {
        let out = try makeReport()
        var page = URLComponents(url: out.appendingPathComponent("index.html"), resolvingAgainstBaseURL: false)!
        page.fragment = "selftest"
        let (dom, log) = try open(page.url!)
        guard chromium != nil else { return }
        #expect(dom.contains("data-selftest=\"stepped\""), "player did not step")
        #expect(dom.contains("data-problems=\"none\""), "\(dom.components(separatedBy: "data-problems").last?.prefix(300) ?? "")")
        #expect(dom.contains("Epoch 3"), "frame info after stepping back from epoch 4")
        #expect(consoleProblems(log).isEmpty, "\(consoleProblems(log))")
        // Keep a screenshot as a test artefact.
        let artifacts = repositoryRoot().appendingPathComponent("test-artifacts")
        try? FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let shot = artifacts.appendingPathComponent("report-screenshot.png")
        _ = try open(out.appendingPathComponent("index.html"), screenshot: shot)
        #expect(FileManager.default.fileExists(atPath: shot.path))
    }

    @Test("hostile run and class names are escaped: no injected script or handler reaches the page")
    func hostileNames() throws {
        let out = try makeReport(["--name", "<script>alert(1)</script>", "--class-names", "\" onmouseover=\"x,<b>bold</b>,c,d"])
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        // Exactly our two script elements: the frames' inert JSON data block and the player.
        #expect(html.components(separatedBy: "<script").count == 3, "exactly our two script elements")
        #expect(html.contains("<script type=\"application/json\" id=\"frames-data\">"))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("\" onmouseover=\"x"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Content-Security-Policy"))
        var page = URLComponents(url: out.appendingPathComponent("index.html"), resolvingAgainstBaseURL: false)!
        page.fragment = "selftest"
        let (dom, log) = try open(page.url!)
        guard chromium != nil else { return }
        #expect(dom.components(separatedBy: "<script").count == 3)
        #expect(!dom.contains("onmouseover=\"x"))
        #expect(dom.contains("data-selftest=\"stepped\""))
        #expect(!log.contains("alert"))
    }

    @Test("a --self-contained report is one file whose images all load with the other files gone")
    func selfContained() throws {
        let out = try makeReport(["--self-contained"])
        let lonely = temporaryDirectory("lonely").appendingPathComponent("report.html")
        try FileManager.default.copyItem(at: out.appendingPathComponent("index.html"), to: lonely)
        let html = try String(contentsOf: lonely, encoding: .utf8)
        #expect(!html.contains("src=\"frames/") && !html.contains("src=\"figures/"))
        #expect(html.contains("data:image/png;base64,"))
        var page = URLComponents(url: lonely, resolvingAgainstBaseURL: false)!
        page.fragment = "selftest"
        let (dom, log) = try open(page.url!)
        guard chromium != nil else { return }
        #expect(dom.contains("data-selftest=\"stepped\""))
        #expect(dom.contains("data-problems=\"none\""))
        #expect(consoleProblems(log).isEmpty, "\(consoleProblems(log))")
    }
}
