import Foundation

/// Headless Chromium for the browser tests: opens a page (from disk or from a local server), returns its
/// DOM after scripts ran and Chromium's log, in which ``consoleProblems(_:)`` finds errors.
/// `make test` installs Debian's `chromium` when it is missing.
public enum HeadlessChromium {
    /// The browser's path, when installed.
    public static var path: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Opens `page`; with `screenshot`, writes a PNG instead of dumping the DOM.
    /// - Parameter budget: Virtual milliseconds the page may run (timers, fetches) before it is read.
    public static func open(_ page: URL, screenshot: URL? = nil, budget: Int = 4000) throws -> (dom: String, log: String, status: Int32) {
        guard let path else { return ("", "", -1) }
        var arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr", "--v=0",
            "--virtual-time-budget=\(budget)", "--user-data-dir=\(temporaryDirectory("chromium-profile").path)"
        ]
        if let screenshot {
            arguments += ["--window-size=1280,2200", "--hide-scrollbars", "--screenshot=\(screenshot.path)"]
        } else {
            arguments.append("--dump-dom")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments + [page.absoluteString]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errData = ReadInBackground(err.fileHandleForReading)
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (dom, errData.text(), process.terminationStatus)
    }

    /// The log lines that report a script error, a refused or failed load.
    public static func consoleProblems(_ log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter {
            ($0.contains("CONSOLE") && ($0.contains("Uncaught") || $0.contains("Error"))) || $0.contains("Refused to")
                || $0.contains("Failed to load resource") || $0.contains("net::ERR_")
        }
    }
}

/// Drains a pipe on a background thread so a chatty child cannot block on a full pipe.
// @unchecked Sendable: `data` is written once on the background queue before `done` is signalled and
// read only after `text()` has waited for that signal.
public final class ReadInBackground: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)
    public init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }
    public func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
