import CairoRendering
import DCNCore
import Foundation
import Plotting
import RunFormat

/// For image data, galleries of each cluster's members (nearest its centre, random, least certain) and of
/// each class's misplaced members, at epoch 0 and at the last epoch (`figures/gallery-*` and `figures/misplaced-*`).
enum GalleryFiles {
    /// Writes the galleries the recording holds; none for tabular data or recordings without `gallery/`.
    /// A gallery that fails its checks is left out and named in `warnings`.
    static func write(
        run: RecordedRun, sequence: FrameSequence, into directory: URL, options: RenderOptions,
        warnings: inout [String]
    ) throws -> [FigureFiles] {
        guard let lastEntry = sequence.entries.last else { return [] }
        guard let shape = run.manifest.dataset.imageShape else {
            return try featureMeans(run: run, sequence: sequence, into: directory, options: options, warnings: &warnings)
        }
        var figures: [FigureFiles] = []
        let epochs = Array(Set([sequence.entries[0].epoch, lastEntry.epoch])).sorted()
        for epoch in epochs {
            let loaded: GalleryArrays?
            do { loaded = try run.gallery(epoch: epoch) } catch {
                warnings.append("\(error); the report leaves out that gallery")
                continue
            }
            guard let gallery = loaded,
                let frameIndex = sequence.entries.firstIndex(where: { $0.epoch == epoch })
            else { continue }
            let coloring = sequence.frames[frameIndex].coloring
            let m = gallery.perGroup
            func images(_ indices: ArraySlice<Int32>) -> [[Float]?] { indices.map { $0 >= 0 ? gallery.inputs[$0] : nil } }
            let clusterRows = (0..<gallery.clusters).map { cluster in
                GalleryFigure.Row(
                    label: "cluster \(cluster)", color: coloring.color(ofCluster: cluster),
                    groups: (0..<3).map { group in
                        images(gallery.members[((cluster * 3 + group) * m)..<((cluster * 3 + group + 1) * m)])
                    })
            }
            let members = GalleryFigure(
                title: "Members of each cluster, epoch \(epoch)",
                groupTitles: ["nearest the centre", "a random sample", "least certain (smallest margin)"],
                rows: clusterRows, imageShape: shape)
            figures.append(
                try ChartFiles.write(
                    name: String(format: "gallery-epoch-%04d", epoch), title: members.title,
                    size: members.preferredSize, scale: max(options.scale, 1.5), into: directory, formats: options.figureFormats
                ) {
                    members.draw(on: $0, width: $1, height: $2)
                })
            guard gallery.classes > 0, let labels = run.labels else { continue }
            let classIds = Array(Set(labels)).sorted()
            let names = run.manifest.dataset.classNames
            func className(_ index: Int) -> String {
                names.map { $0.count == classIds.count ? $0[index] : "class \(classIds[index])" } ?? "class \(classIds[index])"
            }
            // Under each misplaced sample: the cluster it went to, and the class that cluster stands for.
            let assignments = try run.arrays(for: sequence.entries[frameIndex]).assignments
            func destination(_ sample: Int32) -> String? {
                guard sample >= 0, Int(sample) < assignments.count else { return nil }
                let cluster = Int(assignments[Int(sample)])
                let matched = cluster < coloring.paletteIndex.count ? coloring.paletteIndex[cluster] : classIds.count
                return "→ \(cluster)" + (matched < classIds.count ? " (\(className(matched)))" : "")
            }
            let classRows = (0..<gallery.classes).map { row in
                let slots = gallery.misplaced[(row * m)..<((row + 1) * m)]
                return GalleryFigure.Row(
                    label: className(row), color: Palette.color(row), groups: [images(slots)],
                    captions: [slots.map(destination)])
            }
            let misplaced = GalleryFigure(
                title: "Members of each class that DCN placed in another class's cluster, epoch \(epoch)",
                groupTitles: ["most confidently misplaced first; → the cluster each went to (its class)"], rows: classRows, imageShape: shape)
            figures.append(
                try ChartFiles.write(
                    name: String(format: "misplaced-epoch-%04d", epoch), title: misplaced.title,
                    size: misplaced.preferredSize, scale: max(options.scale, 1.5), into: directory, formats: options.figureFormats
                ) {
                    misplaced.draw(on: $0, width: $1, height: $2)
                })
        }
        return figures
    }

    /// For tabular data: each cluster's standardised feature means for the most discriminative features,
    /// at epoch 0 and the last epoch (`figures/feature-means.*`).
    static func featureMeans(
        run: RecordedRun, sequence: FrameSequence, into directory: URL, options: RenderOptions,
        warnings: inout [String]
    ) throws -> [FigureFiles] {
        let epochs = Array(Set([sequence.entries[0].epoch, sequence.entries[sequence.entries.count - 1].epoch])).sorted()
        var rows: [DecodedCentresFigure.Row] = []
        for epoch in epochs {
            let loaded: Matrix?
            do { loaded = try run.featureMeans(epoch: epoch) } catch {
                warnings.append("\(error); the report leaves out those feature means")
                continue
            }
            guard let means = loaded else { continue }
            rows.append(.init(label: "epoch \(epoch)", centres: (0..<means.rows).map { means.row($0) }))
        }
        guard !rows.isEmpty else { return [] }
        let coloring = sequence.frames[sequence.frames.count - 1].coloring
        var figure = DecodedCentresFigure(
            title: "Standardised feature means of each cluster's members: the most discriminative features",
            rows: rows, imageShape: nil, clusterColors: (0..<(rows[0].centres.count)).map { coloring.color(ofCluster: $0) })
        figure.scaleTitle = "mean of the standardised feature"
        return [
            try ChartFiles.write(
                name: "feature-means", title: "Standardised feature means per cluster (the most discriminative features)",
                size: figure.preferredSize, scale: max(options.scale, 1.5), into: directory, formats: options.figureFormats
            ) { [figure] in
                figure.draw(on: $0, width: $1, height: $2)
            }
        ]
    }
}
