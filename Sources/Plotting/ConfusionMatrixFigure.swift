import Scoring

/// A heatmap of predicted clusters against true classes after Hungarian matching: rows are classes,
/// columns are clusters ordered by the class they match, so a good clustering has a bright diagonal.
public struct ConfusionMatrixFigure: Sendable {
    public var title: String
    /// Class ids (rows), ascending.
    public var classIds: [Int32]
    /// Cluster ids (columns), in display order.
    public var clusterIds: [Int32]
    /// `counts[row][column]`.
    public var counts: [[Int]]
    /// Display names of the classes (`--class-names`); ids are shown for classes without one.
    public var classNames: [Int32: String] = [:]

    /// Creates a figure from predictions and labels.
    /// - Parameters:
    ///   - title: Figure title.
    ///   - predicted: Cluster per sample.
    ///   - truth: Class per sample.
    ///   - clusterCount: k (clusters without samples still get a column).
    public init(title: String, predicted: [Int32], truth: [Int32], clusterCount: Int) {
        self.title = title
        let table = ContingencyTable(predicted: predicted, truth: truth)
        let coloring = ClusterColoring(assignments: predicted, labels: truth, classIds: table.classes, clusterCount: clusterCount)
        let order = (0..<clusterCount).map(Int32.init).sorted {
            (coloring.paletteIndex[Int($0)], $0) < (coloring.paletteIndex[Int($1)], $1)
        }
        // The table's rows are the clusters that hold samples; an empty cluster gets a column of zeros.
        let row = Dictionary(uniqueKeysWithValues: table.clusters.enumerated().map { ($1, $0) })
        classIds = table.classes
        clusterIds = order
        counts = table.classes.indices.map { j in order.map { cluster in row[cluster].map { table.counts[$0][j] } ?? 0 } }
    }

    /// Draws the heatmap with counts in each cell.
    public func draw(on canvas: Canvas, width: Double, height: Double) {
        let unit = min(width / 520, height / 480)
        let labelSize = 12 * unit
        canvas.fillBackground(.white)
        drawTitle(title, on: canvas, width: width, unit: unit)
        let rows = max(classIds.count, 1), columns = max(clusterIds.count, 1)
        let left = 70 * unit, top = 60 * unit
        let cell = min((width - left - 20 * unit) / Double(columns), (height - top - 50 * unit) / Double(rows))
        let largest = max(counts.flatMap { $0 }.max() ?? 1, 1)
        for (r, row) in counts.enumerated() {
            for (c, count) in row.enumerated() {
                let share = Double(count) / Double(largest)
                let color = Color(red: 1 - 0.9 * share, green: 1 - 0.55 * share, blue: 1 - 0.3 * share)
                let x = left + Double(c) * cell, y = top + Double(r) * cell
                canvas.fillRectangle(x: x, y: y, width: cell - 1, height: cell - 1, color: color)
                if cell > labelSize * 1.8 {
                    canvas.drawText(
                        "\(count)", at: Point(x + cell / 2, y + cell / 2 + labelSize * 0.3), size: min(labelSize, cell * 0.3),
                        color: share > 0.55 ? .white : .ink, anchor: .middle, bold: false)
                }
            }
            canvas.drawText(
                classNames[classIds[r]] ?? "\(classIds[r])", at: Point(left - 8 * unit, top + Double(r) * cell + cell / 2 + labelSize * 0.3),
                size: labelSize, color: .ink, anchor: .end, bold: false)
        }
        for (c, id) in clusterIds.enumerated() {
            canvas.drawText(
                "\(id)", at: Point(left + Double(c) * cell + cell / 2, top + Double(rows) * cell + labelSize * 1.3),
                size: labelSize, color: .ink, anchor: .middle, bold: false)
        }
        canvas.drawText(
            "predicted cluster", at: Point(left + Double(columns) * cell / 2, top + Double(rows) * cell + labelSize * 2.8),
            size: labelSize, color: .mutedInk, anchor: .middle, bold: false)
        canvas.drawVerticalText("true class", at: Point(left - 40 * unit, top + Double(rows) * cell / 2), size: labelSize, color: .mutedInk)
    }
}
