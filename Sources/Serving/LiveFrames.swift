public import Foundation
import Report
import RunFormat

/// The frames of running runs, one epoch at a time (``Report/SingleFrame``): drawn when first asked for,
/// in well under a second's tenth at 10,000 points, and kept in memory — a recorded epoch never changes,
/// so a frame is drawn once. At most a set number of frames are kept; the least recently used goes first.
public actor LiveFrames {
    private var frames: LeastRecentlyUsed<Data>

    /// - Parameter limit: Frames kept at once (about 40–100 KB each).
    public init(limit: Int = 256) {
        frames = LeastRecentlyUsed(limit: limit)
    }

    /// The PNG of `epoch` of the run at `runFolder`.
    public func frame(of runFolder: URL, epoch: Int) async throws -> Data {
        // The epoch folder's modification time tells a rewritten run (same folder, --force) from the old one.
        // (`stat`, not FileManager's attributes, which look up the owner's name on every call.)
        var info = stat()
        let written =
            stat(runFolder.appendingPathComponent(String(format: "epochs/%04d", epoch)).path, &info) == 0
            ? "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)" : "none"
        let key = "\(runFolder.path)|\(epoch)|\(written)"
        if let cached = frames.use(key) { return cached }
        let png = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, Error>) in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result {
                        var options = RenderOptions()
                        options.pointCap = 10_000
                        return try SingleFrame.png(of: try RecordedRun(directory: runFolder), epoch: epoch, options: options)
                    })
            }
        }
        frames.set(key, png)
        return png
    }
}
