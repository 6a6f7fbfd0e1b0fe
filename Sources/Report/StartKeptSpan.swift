import RunFormat

extension FrameSequence {
    /// The last DCN epoch whose frame still shows the start's assignments, after a held start (boundary merge, joint or input k-means).
    ///
    /// Such a start is not a set of nearest-centre cells of the codes, so DCN keeps its assignments while the network
    /// pulls each cluster together, until 99 % of samples are nearest their own centre or half of the
    /// epochs have passed. Those epochs have identical assignments and the metric curves are flat; the
    /// charts shade them and the run table names them, so a flat start does not read as "DCN did nothing".
    /// Judged on the drawn samples (every sample up to the frames' cap). Nil after a k-means start, or
    /// when epoch 1 already differs from the start.
    public var startKeptThrough: Int? {
        guard startWasHeld, frames.count >= 2, entries.first?.epoch == 0 else { return nil }
        var last: Int?
        for (entry, frame) in zip(entries.dropFirst(), frames.dropFirst()) where entry.phase == .train {
            guard frame.predicted == frames[0].predicted else { break }
            last = entry.epoch
        }
        return last
    }
}
