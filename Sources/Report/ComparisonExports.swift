import RunFormat

/// The comparison table as files for papers and spreadsheets: `results.tex` with the mean ± std cells
/// exactly as the page prints them, `results.csv` with every score as numbers.
extension Comparison {
    /// The columns of the printed table: the headline labelling (DCN's own) with NMI, ARI and ACC, every
    /// other labelling with NMI alone, so the table fits a page; `results.csv` holds every score.
    var printedColumns: [(labelling: Labelling, metric: String, path: KeyPath<Metrics, Statistic>)] {
        shownLabellings.enumerated().flatMap { index, labelling in
            index == 0 ? [(labelling, "NMI", \Metrics.nmi), (labelling, "ARI", \Metrics.ari), (labelling, "ACC", \Metrics.acc)]
                : [(labelling, "NMI", \Metrics.nmi)]
        }
    }

    /// The header and rows of the results table as printed (page and TeX), and which cells are bold: the
    /// best printed mean of a column whose printed means differ between settings (ties all bold).
    var table: (header: [String], rows: [[String]], best: [[Bool]]) {
        let columns = printedColumns
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

    /// `results.tex`: a booktabs `tabular` for `\input{}` (needs `\usepackage{booktabs}`), best means in bold.
    public var latex: String {
        let (_, rows, best) = table
        let columns = printedColumns
        let leading = 2 + variedFields.count  // setting, varied fields, seeds
        let spec = "l" + String(repeating: "l", count: variedFields.count) + "r" + String(repeating: "c", count: columns.count) + "rr"
        var lines = ["\\begin{tabular}{\(spec)}", "\\toprule"]
        // The headline labelling's three metrics under one heading; every other labelling is one NMI column.
        var group = [String](repeating: "", count: leading)
        var rules: [String] = []
        if let headline = shownLabellings.first {
            group.append("\\multicolumn{3}{c}{\(Self.tex(title(of: headline)))}")
            rules.append("\\cmidrule(lr){\(leading + 1)-\(leading + 3)}")
            group += shownLabellings.dropFirst().map { Self.tex($0.title) }
        }
        group += ["", ""]
        lines.append(group.joined(separator: " & ") + " \\\\")
        if !rules.isEmpty { lines.append(rules.joined(separator: " ")) }
        let names = ["Setting"] + variedFields.map { Self.tex(Self.displayName($0)) } + ["Seeds"]
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
