import Foundation
import RunFormat

/// The values `templates/compare.mustache` shows.
struct ComparisonPage {
    struct Cell {
        let text: String
        let sortKey: String
        let numeric: Bool
        let best: Bool
    }
    struct Row { let cells: [Cell] }
    struct Header {
        let text: String
        let index: Int
        let numeric: Bool
    }
    struct Link {
        let format: String
        let path: String
    }
    struct Chart {
        let name: String
        let title: String
        let image: String
        let links: [Link]
    }
    struct Tile {
        let image: String
        let label: String
        let caption: String
        let link: String
    }

    let title: String
    let datasetName: String
    let datasetDescription: String
    let lead: String
    let headers: [Header]
    let rows: [Row]
    /// Every labelling's NMI, ARI and ACC, shown behind a toggle under the table.
    let fullHeaders: [Header]
    let fullRows: [Row]
    let charts: [Chart]
    let tiles: [Tile]
    let notes: [String]
    let toolVersion = ToolInfo.currentVersion
    let hasMetrics: Bool

    /// A results table's header and rows as the template shows them.
    static func table(_ comparison: Comparison, _ set: Comparison.ColumnSet) -> ([Header], [Row]) {
        let table = comparison.table(set)
        let headers = table.header.enumerated().map { index, text in Header(text: text, index: index, numeric: index > comparison.variedFields.count)
        }
        let rows = zip(table.rows, table.best).map { row in
            Row(
                cells: zip(row.0, row.1).enumerated().map { index, cell in
                    let numeric = index > comparison.variedFields.count
                    let key = numeric ? (cell.0.split(separator: " ").first.map(String.init) ?? cell.0) : cell.0
                    return Cell(text: cell.0, sortKey: key == "–" ? "-1" : key, numeric: numeric, best: cell.1)
                })
        }
        return (headers, rows)
    }

    init(comparison: Comparison, charts: [FigureFiles], tiles: [(image: String, setting: Comparison.Setting, run: RecordedRun)], directory: URL) {
        let runCount = comparison.settings.map(\.runs.count).reduce(0, +)
        title = "Comparison of \(runCount) runs"
        datasetName = comparison.dataset.name
        // Generated data is drawn per seed (the synthetic set names its seed): say so rather than name the first run's.
        let runs = comparison.settings.flatMap(\.runs)
        let seeds = Array(Set(runs.compactMap(\.manifest.configuration.seed))).sorted()
        if Set(runs.map(\.manifest.dataset.description)).count > 1,
            let range = comparison.dataset.description.range(of: #"seed \d+$"#, options: .regularExpression)
        {
            datasetDescription = comparison.dataset.description.replacingCharacters(
                in: range, with: "one draw per run's seed (seeds \(seeds.map(String.init).joined(separator: ", ")))")
        } else {
            datasetDescription = comparison.dataset.description
        }
        hasMetrics = !comparison.shownLabellings.isEmpty
        let varied = comparison.variedFields.map(Comparison.displayName)
        lead =
            "\(comparison.settings.count) settings" + (varied.isEmpty ? "" : " differing in " + varied.joined(separator: ", "))
            + "; mean ± standard deviation over each setting's seeds."
        (headers, rows) = Self.table(comparison, .page)
        (fullHeaders, fullRows) = Self.table(comparison, .full)
        self.charts = charts.map { figure in
            Chart(
                name: figure.name, title: figure.title, image: figure.paths.first { $0.hasSuffix(".png") } ?? figure.paths[0],
                links: figure.paths.map { Link(format: ($0 as NSString).pathExtension.uppercased(), path: $0) })
        }
        self.tiles = tiles.map { tile in
            let runFolder = tile.run.directory.standardizedFileURL
            let reportFolder = runFolder.lastPathComponent == "run" ? runFolder.deletingLastPathComponent() : runFolder
            let report = reportFolder.appendingPathComponent("index.html")
            let target = FileManager.default.fileExists(atPath: report.path) ? report : runFolder.appendingPathComponent("run.json")
            let score = tile.setting.metrics[Labelling.dcnNearestCentre.id].map { String(format: "NMI %.3f", $0.nmi.mean) } ?? ""
            return Tile(
                image: tile.image, label: tile.setting.label,
                caption: "seed \(tile.run.manifest.configuration.seed.map(String.init) ?? "?") of \(tile.setting.runs.count)"
                    + (score.isEmpty ? "" : " · mean \(score)"),
                link: relativeLink(from: directory, to: target))
        }
        var notes: [String] = []
        if !comparison.unfinished.isEmpty {
            notes.append(
                "\(comparison.unfinished.count) run folder(s) have not finished and are left out: "
                    + comparison.unfinished.map(\.path).joined(separator: ", "))
        }
        let collapsed = comparison.settings.map(\.collapsed).reduce(0, +)
        if collapsed > 0 {
            notes.append("\(collapsed) run(s) ended with an empty cluster or one under a tenth of the mean size: see the ‘collapsed runs’ column.")
        }
        self.notes = notes
    }
}
