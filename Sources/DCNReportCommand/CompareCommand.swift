import ArgumentParser
import Runs
import Report

/// `dcn-report compare`: one report over many runs, grouped by setting.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare runs: mean ± std tables over seeds, metric-against-setting charts and side-by-side final frames.",
        discussion: """
            Give run folders (as for render) or a sweep folder (its runs/ are all taken). \
            Runs that differ only in their seed form one setting. Runs must be of one \
            data set; unfinished runs are left out and named. Writes OUT/index.html, \
            figures/ (PNG, SVG, PDF), results.csv and results.tex (booktabs), and renders \
            each run's own report where it is missing, so the page can link to it.

            Examples:
              # writes sweeps/lambda/report
              dcn-report compare sweeps/lambda
              dcn-report compare runs/a runs/b runs/c --out comparison
            """)

    @Argument(help: "Run folders, or a sweep folder.")
    var paths: [String]
    @Option(help: "Report folder (default: FOLDER/report when one folder is given).")
    var out: String?
    @Option(help: "Folder holding compare.mustache (default: found as for generate).")
    var templates: String?
    @Flag(help: "Inline every image into index.html so the report is a single file.")
    var selfContained = false
    @Flag(help: "Do not render the runs' own reports where they are missing (the thumbnails then link to run.json).")
    var noRunReports = false
    @Flag(help: "Print only errors and the report path.")
    var quiet = false

    mutating func run() throws {
        var job = ComparisonJob(paths: paths, out: out, templates: try TemplateLocator.locate(explicit: templates))
        job.selfContained = selfContained
        job.renderRunReports = !noRunReports
        job.quiet = quiet
        print(try job.run().path)
    }
}
