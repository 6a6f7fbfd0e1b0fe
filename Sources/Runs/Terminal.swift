import Foundation

/// The one place progress is written: on a terminal a single line that updates in place, in logs and
/// CI one plain line per update, and nothing at all when quiet. Training, rendering and sweeps all
/// print through it.
struct Terminal {
    let quiet: Bool
    let interactive: Bool

    init(quiet: Bool, interactive: Bool = isatty(STDOUT_FILENO) == 1) {
        self.quiet = quiet
        self.interactive = interactive
    }

    /// Prints a whole line (replacing any status line first).
    func line(_ text: String) {
        guard !quiet else { return }
        print(interactive ? "\r\u{1B}[2K" + text : text)
        fflush(nil)  // all output streams; naming `stdout` is not concurrency-safe in Swift 6
    }

    /// Shows a status: the updating line on a terminal, a plain line otherwise.
    func status(_ text: String) {
        guard !quiet else { return }
        guard interactive else { return line(text) }
        print("\r\u{1B}[2K" + text, terminator: "")
        fflush(nil)
    }

    /// Ends the updating line on a terminal, so the next output starts on a line of its own.
    func endStatus() {
        if interactive && !quiet { print("") }
    }

    /// A 20-character bar for `done` of `total`.
    static func bar(_ done: Int, _ total: Int) -> String {
        let width = 20
        let filled = total > 0 ? min(width, done * width / total) : width
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "]"
    }
}
