public import Foundation
import Report
import RunFormat

/// The frames of running runs, one epoch at a time (``Report/SingleFrame``): drawn when first asked for,
/// in well under a second's tenth at 10,000 points, and kept in memory — a recorded epoch never changes,
/// so a frame is drawn once. At most ``limit`` frames are kept; the least recently used goes first.
public actor LiveFrames {
    let limit: Int
    private var frames: [String: (png: Data, used: UInt64)] = [:]
    private var clock: UInt64 = 0

    /// - Parameter limit: Frames kept at once (about 40–100 KB each).
    public init(limit: Int = 256) {
        self.limit = limit
    }

    /// The PNG of `epoch` of the run at `runFolder`.
    public func frame(of runFolder: URL, epoch: Int) async throws -> Data {
        // The epoch folder's modification time tells a rewritten run (same folder, --force) from the old one.
        // (`stat`, not FileManager's attributes, which look up the owner's name on every call.)
        var info = stat()
        let written = stat(runFolder.appendingPathComponent(String(format: "epochs/%04d", epoch)).path, &info) == 0
            ? "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)" : "none"
        let key = "\(runFolder.path)|\(epoch)|\(written)"
        clock += 1
        if let cached = frames[key] {
            frames[key]?.used = clock
            return cached.png
        }
        let png = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    var options = RenderOptions()
                    options.pointCap = 10_000
                    return try SingleFrame.png(of: try RecordedRun(directory: runFolder), epoch: epoch, options: options)
                })
            }
        }
        frames[key] = (png, clock)
        while frames.count > limit, let oldest = frames.min(by: { $0.value.used < $1.value.used }) { frames[oldest.key] = nil }
        return png
    }
}
