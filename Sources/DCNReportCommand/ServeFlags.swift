import ArgumentParser

/// `--serve` for `train`, `generate` and `sweep`: watch the work live (`dcn-report serve` over its output folder).
struct ServeFlags: ParsableArguments {
    @Flag(help: "Serve the output folder in the browser while the work runs (the URL is printed); after it ends, serve until Ctrl-C.")
    var serve = false
    @Option(help: "Port for --serve (0: any free port).")
    var servePort: Int = 8080
}
