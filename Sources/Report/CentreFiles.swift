import CairoRendering
import DCNCore
import Foundation
import Plotting
import RunFormat

/// The decoded cluster centres g(m_k) of a recording (format 3): a strip per epoch for the player
/// (`centres/epoch_NNNN.png`) and a figure for papers (`figures/decoded-centres.*`, epoch 0 and the last).
enum CentreFiles {
    /// Writes the strips and the figure; nil when the recording has no decoded centres.
    static func write(run: RecordedRun, sequence: FrameSequence, into directory: URL, options: RenderOptions) throws
        -> (strips: [String], figure: FigureFiles)?
    {
        let entries = sequence.entries
        let decoded = try entries.map { try run.arrays(for: $0).decodedCenters }
        guard decoded.allSatisfy({ $0 != nil }), let last = decoded.last ?? nil else { return nil }
        let shape = run.manifest.dataset.imageShape
        @Sendable func rows(_ matrix: Matrix?) -> [[Float]] { matrix.map { m in (0..<m.rows).map { m.row($0) } } ?? [] }
        func colors(_ index: Int) -> [Color] {
            let coloring = sequence.frames[index].coloring
            return (0..<last.rows).map { coloring.color(ofCluster: $0) }
        }
        do {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("centres"), withIntermediateDirectories: true)
        } catch {
            throw RenderError("\(directory.path)/centres: cannot create the folder (\(error.localizedDescription))")
        }
        let strips = entries.map { String(format: "centres/epoch_%04d.png", $0.epoch) }
        let stripColors = entries.indices.map(colors)
        let written = ResultSlots<Result<Void, any Error>>(count: entries.count)
        DispatchQueue.concurrentPerform(iterations: entries.count) { index in
            written.set(
                index,
                Result {
                    let figure = DecodedCentresFigure(
                        title: "Decoded centres g(m_k), epoch \(entries[index].epoch)",
                        rows: [.init(label: "epoch \(entries[index].epoch)", centres: rows(decoded[index]))],
                        imageShape: shape, clusterColors: stripColors[index])
                    try FigureFile.write(
                        .png, to: directory.appendingPathComponent(strips[index]).path, width: figure.preferredSize.width,
                        height: figure.preferredSize.height, scale: options.scale
                    ) { figure.draw(on: $0, width: $1, height: $2) }
                })
        }
        for index in entries.indices { try written.get(index)?.get() }
        var paperRows = [DecodedCentresFigure.Row(label: "epoch \(entries[0].epoch)", centres: rows(decoded[0]))]
        if entries.count > 1 { paperRows.append(.init(label: "epoch \(entries[entries.count - 1].epoch)", centres: rows(last))) }
        let paper = DecodedCentresFigure(
            title: "Decoded cluster centres g(m_k)" + (shape == nil ? ": the most varying features" : ""),
            rows: paperRows, imageShape: shape, clusterColors: colors(entries.count - 1))
        let figure = try ChartFiles.write(
            name: "decoded-centres", title: "Decoded cluster centres, epoch 0 and the last epoch",
            size: paper.preferredSize, scale: max(options.scale, 1.5), into: directory, formats: options.figureFormats
        ) {
            paper.draw(on: $0, width: $1, height: $2)
        }
        return (strips, figure)
    }
}
