import DCNReportCommand
import Foundation
import RunFormat
import TestSupport
import Testing

@Suite("Comparison reports", .serialized)
struct CompareTests {
    var binary: String? { builtBinary() }
    let templates = repositoryRoot().appendingPathComponent("templates").path

    /// A finished 2 × 2 sweep (λ × seed) on tiny synthetic data.
    func sweep() throws -> URL {
        let out = temporaryDirectory("compare").appendingPathComponent("sweep")
        let binary = try #require(binary, "dcn-report binary not built")
        let result = try runProcess(
            binary,
            [
                "sweep", "--points-per-cluster", "40", "--pretrain-epochs", "3", "--epochs", "3",
                "--kmeans-restarts", "2", "--lambda", "0.5,2", "--seed", "1,2", "--out", out.path, "--quiet"
            ])
        #expect(result.status == 0, "\(result.output)")
        return out
    }

    func compare(_ arguments: [String]) throws {
        var command = try DCNReport.parseAsRoot(["compare", "--quiet", "--templates", templates] + arguments)
        try command.run()
    }

    /// `mean ± std` as the table prints it, computed here from the runs' own run.json.
    func printed(_ values: [Double]) -> String {
        let mean = values.reduce(0, +) / Double(values.count)
        let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
        return String(format: "%.3f ± %.3f", mean, std)
    }

    @Test("a 2 × 2 sweep's comparison table agrees with each run's own run.json, in the page, the CSV and the TeX")
    func tableAgreesWithRuns() throws {
        let sweep = try sweep()
        let out = sweep.appendingPathComponent("report")
        try compare([sweep.path, "--out", out.path])
        let csv = try String(contentsOf: out.appendingPathComponent("results.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.count == 3, "a header and one row per setting")
        let header = lines[0]
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        let tex = try String(contentsOf: out.appendingPathComponent("results.tex"), encoding: .utf8)
        let fullTex = try String(contentsOf: out.appendingPathComponent("results-full.tex"), encoding: .utf8)
        for (lambda, row) in [("0.5", lines[1]), ("2", lines[2])] {
            #expect(row[0] == "lambda \(lambda)" && row[2] == "2")
            let runs = try [1, 2].map { try RecordedRun(directory: sweep.appendingPathComponent("runs/lambda-\(lambda)-seed\($0)/run")) }
            for (id, title) in [("dcn-nearest-centre", "DCN nearest centre"), ("ae-kmeans", "AE + k-means"), ("kmeans-raw", "k-means on raw input")] {
                let scores = runs.map { run in run.manifest.baselines.first { $0.id == id }!.metrics }
                for (metric, values) in [("NMI", scores.map(\.nmi)), ("ARI", scores.map(\.ari)), ("ACC", scores.map(\.acc))] {
                    // The CSV holds every score as numbers; results.tex DCN's own three; the page and results-full.tex
                    // every score (the page's main table each labelling's NMI, the other metrics behind a toggle).
                    let mean = try #require(header.firstIndex(of: "\(title) \(metric) mean"))
                    let std = try #require(header.firstIndex(of: "\(title) \(metric) std"))
                    let expectedMean = values.reduce(0, +) / 2
                    #expect(abs(Double(row[mean])! - expectedMean) < 1e-6, "\(title) \(metric) mean for λ = \(lambda)")
                    #expect(abs(Double(row[std])! - abs(values[0] - values[1]) / 2.squareRoot()) < 1e-6)
                    let texCell = printed(values).replacingOccurrences(of: "±", with: "$\\pm$")
                    #expect(html.contains(">\(printed(values))</td>"), "\(title) \(metric) on the page")
                    #expect(fullTex.contains(texCell), "\(title) \(metric) in results-full.tex")
                    if id == "dcn-nearest-centre" { #expect(tex.contains(texCell), "\(title) \(metric) in results.tex") }
                }
            }
            let seconds = runs.compactMap { $0.timing?.totalSeconds }
            #expect(row.last == String(format: "%.1f", seconds.reduce(0, +) / 2))
        }
        #expect(html.contains("one draw per run") && html.contains("(seeds 1, 2)"), "the synthetic data differ per seed; the page says so")
        // Charts in three formats, one thumbnail per setting linking to that run's report.
        for name in ["nmi-vs-lambda", "ari-vs-lambda", "acc-vs-lambda", "nmi-per-epoch"] {
            for format in ["png", "svg", "pdf"] {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/\(name).\(format)").path), "\(name).\(format)")
            }
        }
        #expect(html.contains("href=\"../runs/lambda-0.5-seed1/index.html\""))
        #expect(FileManager.default.fileExists(atPath: sweep.appendingPathComponent("runs/lambda-0.5-seed1/index.html").path))
        #expect(try PNGImage(contentsOf: out.appendingPathComponent("tiles/setting_001.png").path).width == 900)
    }

    @Test("both TeX tables are booktabs tabulars whose every row has the header's column count; results.tex fits a page")
    func texStructure() throws {
        let sweep = try sweep()
        let out = sweep.appendingPathComponent("report")
        try compare([sweep.path, "--out", out.path, "--no-run-reports"])
        for (file, headline) in [("results.tex", true), ("results-full.tex", false)] {
            try checkTex(String(contentsOf: out.appendingPathComponent(file), encoding: .utf8), headline: headline)
        }
    }

    func checkTex(_ tex: String, headline: Bool) throws {
        let lines = tex.split(separator: "\n").map(String.init)
        let spec = try #require(lines.first?.firstMatch(of: /^\\begin\{tabular\}\{([lcr]+)\}$/)?.1)
        #expect(lines.last == "\\end{tabular}")
        let rules = ["\\toprule", "\\midrule", "\\bottomrule"].map { rule in lines.firstIndex(of: rule) ?? -1 }
        #expect(rules.allSatisfy { $0 > 0 } && rules == rules.sorted(), "toprule, midrule, bottomrule in order")
        let body = lines[(rules[1] + 1)..<rules[2]]
        #expect(body.count == 2, "one row per setting")
        for row in lines where row.hasSuffix("\\\\") && !row.contains("multicolumn") {
            #expect(row.components(separatedBy: " & ").count == spec.count, "\(row)")
        }
        let groups = try #require(lines.first { $0.contains("\\multicolumn") })
        let groupCount = groups.components(separatedBy: "\\multicolumn{3}").count - 1
        if headline {
            #expect(groupCount == 1, "DCN's own labelling: three metrics, and nothing else")
            #expect(spec.count <= 8, "narrow enough for a page: \(spec.count) columns")
        } else {
            #expect(groupCount >= 3, "every labelling's three metrics")
        }
        #expect(!tex.contains("±"), "± is typeset as $\\pm$")
    }

    @Test("compare refuses runs of different data sets in one line, and names unfinished runs it leaves out")
    func incompatibleRuns() throws {
        guard let binary else {
            Issue.record("dcn-report binary not built")
            return
        }
        let folder = temporaryDirectory("compare-bad")
        for (name, points) in [("a", "40"), ("b", "41")] {
            var command = try DCNReport.parseAsRoot([
                "train", "--quiet", "--points-per-cluster", points, "--pretrain-epochs", "2",
                "--epochs", "1", "--out", folder.appendingPathComponent(name).path
            ])
            try command.run()
        }
        let result = try runProcess(
            binary,
            [
                "compare", folder.appendingPathComponent("a").path, folder.appendingPathComponent("b").path,
                "--out", folder.appendingPathComponent("c").path, "--templates", templates
            ])
        #expect(result.status == 1)
        #expect(result.output.split(separator: "\n").count == 1)
        #expect(result.output.hasPrefix("dcn-report: error: compare: "), "\(result.output)")
        #expect(
            result.output.contains("(164 × 100)") && result.output.contains("(160 × 100)") && result.output.contains("compare runs of one data set"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("c/index.html").path))
        // A run that has not finished (no summary yet) is left out and named on the page.
        let unfinished = folder.appendingPathComponent("a-running")
        try FileManager.default.copyItem(at: folder.appendingPathComponent("a"), to: unfinished)
        let manifestURL = unfinished.appendingPathComponent("run/run.json")
        var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as! [String: Any]
        manifest["summary"] = nil
        manifest["status"] = "running"
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
        let partial = folder.appendingPathComponent("partial")
        try compare([folder.appendingPathComponent("a").path, unfinished.path, "--out", partial.path, "--no-run-reports"])
        let html = try String(contentsOf: partial.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("1 run folder(s) have not finished and are left out: \(unfinished.path)/run"))
        #expect(html.contains("Comparison of 1 runs"))
        let none = try runProcess(binary, ["compare", folder.path, "--out", folder.appendingPathComponent("d").path])
        #expect(none.output.hasPrefix("dcn-report: error: compare: \(folder.path) is neither a run folder nor a sweep folder"), "\(none.output)")
    }
}
