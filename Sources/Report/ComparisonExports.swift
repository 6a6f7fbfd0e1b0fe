import RunFormat

/// The comparison table as files for papers and spreadsheets: `results.tex` (the headline labelling's
/// scores: fits a page), `results-full.tex` (every labelling's), both with the mean ± std cells exactly
/// as the page prints them, and `results.csv` with every score as numbers.
extension Comparison {
    /// One printed score column.
    typealias Column = (labelling: Labelling, metric: String, path: KeyPath<Metrics, Statistic>)

    /// Which score columns a table shows.
    public enum ColumnSet: Sendable {
        /// The headline labelling (DCN's own) with NMI, ARI and ACC: `results.tex`, for a paper.
        case headline
        /// The headline metric, NMI, of every labelling: the page's table (the rest behind a toggle).
        case page
        /// Every labelling with NMI, ARI and ACC: `results-full.tex` and the page's "every score" table.
        case full
    }

    /// The score columns of `set`.
    func columns(_ set: ColumnSet) -> [Column] {
        let all: [(String, KeyPath<Metrics, Statistic>)] = [("NMI", \Metrics.nmi), ("ARI", \Metrics.ari), ("ACC", \Metrics.acc)]
        return shownLabellings.enumerated().flatMap { index, labelling -> [Column] in
            switch (set, index) {
            case (.page, _): [(labelling, "NMI", \Metrics.nmi)]
            case (_, 0), (.full, _): all.map { (labelling, $0.0, $0.1) }
            case (.headline, _): []
            }
        }
    }

    /// The header and rows of a results table as printed (page and TeX), and which cells are bold: the
    /// best printed mean of a column whose printed means differ between settings (ties all bold).
    func table(_ set: ColumnSet) -> (header: [String], rows: [[String]], best: [[Bool]]) {
        let columns = columns(set)
        var header = ["setting"] + variedFields.map(Self.displayName) + ["seeds"]
        header += columns.map { "\(title(of: $0.labelling)) \($0.metric)" }
        header += ["collapsed runs", "mean seconds"]
        let printedMeans = columns.map { column in
            settings.map { $0.metrics[column.labelling.id].map { String(format: "%.3f", $0[keyPath: column.path].mean) } }
        }
        var rows: [[String]] = [], best: [[Bool]] = []
        for (index, setting) in settings.enumerated() {
            var row = [setting.label] + variedFields.map { setting.values[$0] ?? "" } + ["\(setting.runs.count)"]
            var marks = [Bool](repeating: false, count: row.count)
            for (column, means) in zip(columns, printedMeans) {
                row.append(setting.metrics[column.labelling.id]?[keyPath: column.path].printed ?? "–")
                let present = means.compactMap { $0 }
                let top = present.max { Double($0)! < Double($1)! }
                marks.append(Set(present).count > 1 && means[index] != nil && means[index] == top)
            }
            row += ["\(setting.collapsed)", setting.meanSeconds.map { String(format: "%.1f", $0) } ?? "–"]
            marks += [false, false]
            rows.append(row)
            best.append(marks)
        }
        return (header, rows, best)
    }

    typealias Metrics = (nmi: Statistic, ari: Statistic, acc: Statistic)

    /// `results.csv`: every labelling's NMI, ARI and ACC as numbers — mean and standard deviation in
    /// columns of their own — for spreadsheets and scripts. RFC 4180 quoting, UTF-8.
    public var csv: String {
        var header = ["setting"] + variedFields.map(Self.displayName) + ["seeds"]
        let metrics: [(String, KeyPath<Metrics, Statistic>)] = [("NMI", \.nmi), ("ARI", \.ari), ("ACC", \.acc)]
        for labelling in shownLabellings {
            for (name, _) in metrics { header += ["\(title(of: labelling)) \(name) mean", "\(title(of: labelling)) \(name) std"] }
        }
        header += ["collapsed runs", "mean seconds"]
        var rows = [header]
        for setting in settings {
            var row = [setting.label] + variedFields.map { setting.values[$0] ?? "" } + ["\(setting.runs.count)"]
            for labelling in shownLabellings {
                for (_, path) in metrics {
                    let statistic = setting.metrics[labelling.id]?[keyPath: path]
                    row += [statistic.map { String(format: "%.6f", $0.mean) } ?? "", statistic.map { String(format: "%.6f", $0.std) } ?? ""]
                }
            }
            row += ["\(setting.collapsed)", setting.meanSeconds.map { String(format: "%.1f", $0) } ?? ""]
            rows.append(row)
        }
        func quoted(_ cell: String) -> String {
            cell.contains(where: { ",\"\n".contains($0) }) ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }
        return rows.map { $0.map(quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A booktabs `tabular` for `\input{}` (needs `\usepackage{booktabs}`), best means in bold: `results.tex`
    /// with the headline columns, `results-full.tex` with every score.
    public func latex(_ set: ColumnSet) -> String {
        let (_, rows, best) = table(set)
        let columns = columns(set)
        let leading = 2 + variedFields.count  // setting, varied fields, seeds
        let spec = "l" + String(repeating: "l", count: variedFields.count) + "r" + String(repeating: "c", count: columns.count) + "rr"
        var lines = ["\\begin{tabular}{\(spec)}", "\\toprule"]
        // Each labelling's columns under one heading.
        var group = [String](repeating: "", count: leading)
        var rules: [String] = []
        var start = leading + 1
        for labelling in shownLabellings {
            let width = columns.filter { $0.labelling == labelling }.count
            guard width > 0 else { continue }
            group.append(width == 1 ? Self.tex(title(of: labelling)) : "\\multicolumn{\(width)}{c}{\(Self.tex(title(of: labelling)))}")
            if width > 1 { rules.append("\\cmidrule(lr){\(start)-\(start + width - 1)}") }
            start += width
        }
        group += ["", ""]
        lines.append(group.joined(separator: " & ") + " \\\\")
        if !rules.isEmpty { lines.append(rules.joined(separator: " ")) }
        let names =
            ["Setting"] + variedFields.map { Self.tex(Self.displayName($0)) } + ["Seeds"]
            + columns.map(\.metric) + ["Collapsed", "Seconds"]
        lines.append(names.joined(separator: " & ") + " \\\\")
        lines.append("\\midrule")
        for (row, marks) in zip(rows, best) {
            let cells = zip(row, marks).map { cell, isBest in
                let text = Self.tex(cell).replacingOccurrences(of: "±", with: "$\\pm$")
                return isBest ? "\\textbf{\(text)}" : text
            }
            lines.append(cells.joined(separator: " & ") + " \\\\")
        }
        lines += ["\\bottomrule", "\\end{tabular}"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text with TeX's special characters escaped.
    static func tex(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\textbackslash{}"
            case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(character)
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            case "–": out += "--"
            default: out.append(character)
            }
        }
        return out
    }
}
