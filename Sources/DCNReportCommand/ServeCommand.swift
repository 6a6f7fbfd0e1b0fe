import ArgumentParser
import Report
import Serving
import ServingRules

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
    @Option(help: "The token browsers must bring (default: a random one, in the printed address; letters, digits, '-', '_' and '.').")
    var token: String?
    @Flag(help: "Serve without a token: anyone who can reach the port reads every run (a warning is printed beyond loopback).")
    var noToken = false
    @Option(help: "A host name requests may name besides localhost and IP addresses, e.g. a reverse proxy's (repeatable).")
    var allowHost: [String] = []

    func validate() throws {
        if noToken && token != nil { throw ValidationError("--token and --no-token contradict each other; give one") }
        if let token, AccessToken(token) == nil {
            throw ValidationError("--token must be 1–256 letters, digits, '-', '_' or '.', got '\(token)'")
        }
    }

    mutating func run() throws {
        let access = noToken ? nil : token.flatMap(AccessToken.init) ?? AccessToken.random()
        try RunServer.serve(
            directory: directory, host: host, port: port, templates: TemplateLocator.locate(explicit: templates),
            token: access, allowedHosts: allowHost)
    }
}
