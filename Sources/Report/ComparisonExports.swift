/// The comparison table as files for papers and spreadsheets: `results.csv` and `results.tex`, with the
/// mean ± std cells exactly as the page prints them.
extension Comparison {
    /// The header and rows of the results table as printed.
    var table: (header: [String], rows: [[String]], best: [[Bool]]) {
        var header = ["setting"] + variedFields.map(Self.displayName) + ["seeds"]
        for labelling in shownLabellings { header += ["NMI", "ARI", "ACC"].map { "\(labelling.title) \($0)" } }
        header += ["collapsed runs", "mean seconds"]
        var rows: [[String]] = [], best: [[Bool]] = []
        for setting in settings {
            var row = [setting.label] + variedFields.map { setting.values[$0] ?? "" } + ["\(setting.runs.count)"]
            var marks = [Bool](repeating: false, count: row.count)
            for labelling in shownLabellings {
                for metric in [\Metrics.nmi, \Metrics.ari, \Metrics.acc] {
                    let statistic = setting.metrics[labelling.id]?[keyPath: metric]
                    row.append(statistic?.printed ?? "–")
                    marks.append(statistic.map { $0.mean == self.best(labelling.id, metric) } ?? false)
                }
            }
            row += ["\(setting.collapsed)", setting.meanSeconds.map { String(format: "%.1f", $0) } ?? "–"]
            marks += [false, false]
            rows.append(row)
            best.append(marks)
        }
        return (header, rows, best)
    }

    typealias Metrics = (nmi: Statistic, ari: Statistic, acc: Statistic)

    /// `results.csv`: RFC 4180 quoting, UTF-8.
    public var csv: String {
        let (header, rows, _) = table
        func quoted(_ cell: String) -> String {
            cell.contains(where: { ",\"\n".contains($0) }) ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }
        return ([header] + rows).map { $0.map(quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// `results.tex`: a booktabs `tabular` for `\input{}` (needs `\usepackage{booktabs}`), best means in bold.
    public var latex: String {
        let (_, rows, best) = table
        let leading = 2 + variedFields.count  // setting, varied fields, seeds
        let columns = "l" + String(repeating: "l", count: variedFields.count) + "r"
            + String(repeating: "ccc", count: shownLabellings.count) + "rr"
        var lines = ["\\begin{tabular}{\(columns)}", "\\toprule"]
        var group = [String](repeating: "", count: leading)
        var rules: [String] = []
        for (index, labelling) in shownLabellings.enumerated() {
            group.append("\\multicolumn{3}{c}{\(Self.tex(labelling.title))}")
            let start = leading + 3 * index + 1
            rules.append("\\cmidrule(lr){\(start)-\(start + 2)}")
        }
        group += ["", ""]
        lines.append(group.joined(separator: " & ") + " \\\\")
        if !rules.isEmpty { lines.append(rules.joined(separator: " ")) }
        let names = ["Setting"] + variedFields.map { Self.tex(Self.displayName($0)) } + ["Seeds"]
            + shownLabellings.flatMap { _ in ["NMI", "ARI", "ACC"] } + ["Collapsed", "Seconds"]
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
