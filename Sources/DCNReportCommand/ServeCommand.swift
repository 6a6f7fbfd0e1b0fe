import ArgumentParser
import Report
import Serving

/// `dcn-report serve`: watch the runs under a folder live in the browser.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve every run folder under DIR in the browser, updating while they train (read-only).",
        discussion: "Example: dcn-report serve runs --port 8081")

    @Argument(help: "The folder whose run folders (any depth) are served.")
    var directory: String = "."
    @Option(help: "Port (0: any free port; the URL is printed).")
    var port: Int = 8080
    @Option(help: "Address to listen on; 0.0.0.0 serves every network interface (a warning is printed).")
    var host: String = "127.0.0.1"
    @Option(help: "Folder holding report.mustache and runs.html (default: found as for generate).")
    var templates: String?

    mutating func run() throws {
        try RunServer.serve(directory: directory, host: host, port: port, templates: TemplateLocator.locate(explicit: templates))
    }
}
