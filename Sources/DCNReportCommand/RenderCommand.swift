import ArgumentParser
import Runs
import Report

/// `dcn-report render`: frames, charts, animations and report from an existing recording.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the figures and the HTML report of a recorded run, without retraining.",
        discussion: """
            Works on any run folder (see docs/recording-format.md), including one whose \
            process was killed: it renders the epochs recorded so far and says the run \
            is incomplete.

            Examples:
              # rewrites reports/demo
              dcn-report render reports/demo/run
              dcn-report render reports/demo/run --out /tmp/restyled \\
                  --scale 2 --formats png,pdf
            """)

    @Argument(help: "The run folder (the one holding run.json), or the folder given to train --out (its run/ is used).")
    var runDirectory: String
    @Option(help: "Report folder (default: the run folder's parent when it is named 'run', else RUN_DIR/report).")
    var out: String?
    @OptionGroup var renderFlags: RenderFlags
    @Flag(help: "Print only errors and the report path.")
    var quiet = false

    mutating func run() throws {
        var job = RenderJob(
            runPath: runDirectory, out: out, templates: try TemplateLocator.locate(explicit: renderFlags.templates),
            render: try renderFlags.choices.options())
        job.selfContained = renderFlags.selfContained
        job.quiet = quiet
        print(try job.run().path)
    }
}
