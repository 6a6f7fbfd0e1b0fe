import Scoring
import DCNCore
import Foundation
import RunFormat

/// The run table and the warnings about how a run ended: what `run.json` records, in plain words.
extension ReportPage {
    /// One line each when DCN ended clearly worse than its start or than k-means on the input, saying
    /// what the run kept; `start` names a held start's partition (``heldStartName(_:)``).
    static func outcomeLines(_ outcome: RunOutcome, start: StartPartition? = nil) -> [String] {
        func score(_ value: Double) -> String { String(format: "%.3f", value) }
        /// ", mixture fit DCN against other (higher is better)" when both were measured.
        func fits(_ other: Double?) -> String {
            guard let dcn = outcome.dcnFit, let other else { return "" }
            return " and mixture fit \(score(dcn)) against \(score(other)) (higher is better)"
        }
        var lines: [String] = []
        if outcome.dcnWorseThanStart {
            let challenger = outcome.challengingStart
            let held = outcome.challengerIsHeldPartition
            let modelNote =
                outcome.savedModelAgreement.map {
                    " The saved model assigns by nearest centre, which gives \(String(format: "%.1f", 100 * $0)) % of the samples this partition's label."
                } ?? ""
            let kept =
                outcome.kept == .start
                ? (held
                    ? "The run keeps its start's partition (the last epoch); --no-keep-better keeps DCN's." + modelNote
                    : "The run keeps its start's labelling (the last epoch; the saved model assigns it); --no-keep-better keeps DCN's.")
                : "The run keeps DCN's labelling (--no-keep-better)."
            lines.append(
                "DCN ended worse than its start\(held ? "'s \(heldStartName(start)) partition (epoch 0)" : ""): normalised cut \(score(outcome.dcnScore)) against \(score(challenger.cut)) on a nearest-neighbour graph of the input (lower is better)"
                    + (outcome.challenger == nil ? fits(challenger.fit) : "") + "; labels not used. " + kept)
        } else if outcome.dcnWorseThanStartPartition, let partition = outcome.startPartitionScore {
            lines.append(
                "DCN ended worse than its start's \(heldStartName(start)) partition (epoch 0): normalised cut \(score(outcome.dcnScore)) against \(score(partition)) on a nearest-neighbour graph of the input (lower is better)"
                    + fits(outcome.startPartitionFit)
                    + "; labels not used. The run keeps DCN's labelling: the saved model assigns each sample to its nearest centre, which cannot reproduce that partition (its nearest-centre labelling scores \(score(outcome.startScore))). Epoch 0 in the player shows the partition; a smaller --lambda or fewer --epochs may keep more of it."
            )
        }
        if outcome.dcnWorseThanInputKMeans, let kmeans = outcome.inputKMeansScore {
            lines.append(
                "DCN ended worse than k-means on the input: normalised cut \(score(outcome.dcnScore)) against \(score(kmeans)) on a nearest-neighbour graph of the input (lower is better)"
                    + fits(outcome.inputKMeansFit) + "; labels not used.")
        }
        return lines
    }

    /// "λ = 1 may be too large …" when the run recorded λ, else the same about "the clustering weight".
    static func weightHint(_ lambda: Float?, _ problem: String, suggestSmaller: Bool = true) -> String {
        guard let lambda else { return "The clustering weight \(problem)." }
        return "λ = \(formatNumber(Double(lambda))) \(problem)" + (suggestSmaller ? "; try a smaller --lambda." : ".")
    }

    /// The summary of a run: what its `run.json` records, and nothing else (a run another tool wrote
    /// may give only a few settings; no default of dcn-report's is shown as if it had used it).
    static func summaryRows(_ run: RecordedRun) -> [Row] {
        let manifest = run.manifest, config = manifest.configuration, dataset = manifest.dataset
        let words = MethodWords(run)
        var rows = words.recordedBy.map { [Row(key: "Recorded by", value: $0)] } ?? []
        rows += [
            Row(key: "Data set", value: dataset.name),
            Row(
                key: "Samples × dimensions",
                value: (dataset.dimensions > 0 ? "\(dataset.samples) × \(dataset.dimensions)" : "\(dataset.samples) samples")
                    + (dataset.subsampledFrom.map { " (drawn from \($0) with --limit)" } ?? "")),
            Row(key: "Clusters k", value: "\(config.clusterCount)")
        ]
        if let lambda = config.lambda { rows.append(Row(key: "λ (clustering weight)", value: formatNumber(Double(lambda)))) }
        if let hidden = config.hiddenLayers {
            let layers = ([dataset.dimensions > 0 ? dataset.dimensions : nil] + hidden.map { $0 } + [config.latentDimensions]).compactMap { $0 }
            rows.append(Row(key: "Encoder", value: layers.map(String.init).joined(separator: "–") + " (decoder mirrored)"))
        } else if let latent = config.latentDimensions {
            rows.append(Row(key: "Latent dimensions", value: "\(latent)"))
        }
        let pretraining = config.pretrainEpochs ?? manifest.pretraining.count
        let training = config.epochs ?? manifest.epochs.last?.epoch ?? 0
        rows.append(Row(key: "Epochs", value: "\(pretraining) pretraining + \(training) \(words.trainingEpochs)"))
        switch (config.batchSize, config.learningRate) {
        case let (batch?, rate?): rows.append(Row(key: "Batch size · learning rate", value: "\(batch) · \(formatNumber(Double(rate)))"))
        case let (batch?, nil): rows.append(Row(key: "Batch size", value: "\(batch)"))
        case let (nil, rate?): rows.append(Row(key: "Learning rate", value: formatNumber(Double(rate))))
        case (nil, nil): break
        }
        rows.append(Row(key: "Input scaling", value: dataset.scaling + (dataset.scalingReason.map { " — " + $0 } ?? "")))
        if let counts = config.centerCountStart {
            rows.append(Row(key: "Centre counts", value: "start at \(counts)" + (config.resetCountsEachEpoch == true ? ", reset every epoch" : "")))
        }
        if let seed = config.seed { rows.append(Row(key: "Seed", value: "\(seed)")) }
        if let start = manifest.start {
            var value = start.partition.title, detail: String?
            if let merged = start.mergedCut, let kmeans = start.kmeansCut {
                let criterion = (start.criterion ?? .mergeGraphCut).title
                let (kmeansText, mergedText) = (String(format: "%.3f", kmeans), String(format: "%.3f", merged))
                detail = "\(criterion) (lower is better): boundary merge \(mergedText), k-means on the codes \(kmeansText)"
                switch start.partition {
                case .joint: value += ", taken because the boundary merge did not cut the codes' neighbour graph lower than k-means on the codes"
                case .merged:
                    value +=
                        merged < kmeans
                        ? ", chosen because it cut the codes' neighbour graph lower than k-means on the codes" : ", as --start merged asked"
                case .input: value += ", chosen over the start found on the codes"
                default: break
                }
            }
            if let check = start.inputCheck {
                let replaced: StartPartition = (start.mergedCut ?? 0) < (start.kmeansCut ?? 0) ? .merged : .joint
                value +=
                    check.inputWins
                    ? " — which was clearly worse on the input (labels not used)"
                    : "; checked against k-means on the input and kept as the start (labels not used)"
                detail =
                    (detail.map { $0 + "; " } ?? "") + Self.inputCheckText(check, replaced: start.partition == .input ? replaced : nil).dropFirst(2)
            }
            rows.append(Row(key: "DCN start", value: value, detail: detail))
            if let scale = config.clusteringScale { rows.append(clusteringTermRow(scale, divisor: start.clusteringDivisor, start: start.partition)) }
        }
        if let outcome = manifest.outcome {
            func score(_ value: Double) -> String { String(format: "%.3f", value) }
            let scores =
                "normalised cut on a 10-nearest-neighbour graph of the input: DCN " + score(outcome.dcnScore)
                + ", start " + score(outcome.startScore)
                + (outcome.startPartitionScore.map { " (its \(heldStartName(manifest.start?.partition)) partition " + score($0) + ")" } ?? "")
                + (outcome.inputKMeansScore.map { ", k-means on the input " + score($0) } ?? "")
                + (outcome.dcnFit.map { "; mixture fit: DCN " + score($0) + (outcome.startFit.map { ", start " + score($0) } ?? "") } ?? "")
            let kept =
                outcome.kept == .start
                ? "the start's\(outcome.challengerIsHeldPartition ? " \(heldStartName(manifest.start?.partition)) partition" : ""), kept as epoch \(outcome.dcnEpoch + 1) because DCN ended clearly worse than it (labels not used)"
                : "DCN's (epoch \(outcome.dcnEpoch))"
                    + (outcome.dcnWorseThanStart
                        ? ", although it ended clearly worse than its start (--no-keep-better)" : ", not clearly worse than its start")
            rows.append(
                Row(
                    key: "Run's labelling", value: kept,
                    detail: scores
                        + (outcome.challenger == nil
                            ? " (lower cut and higher fit are better; margin \(score(outcome.margin)))"
                            : " (lower cut is better; margin \(score(outcome.margin)); the fit is recorded, the cut decides)")))
        }
        return rows
    }

    /// "boundary-merge", "joint k-means" or "input k-means": how the report's sentences name a held start
    /// (one recorded before the joint start existed was a boundary merge).
    static func heldStartName(_ start: StartPartition?) -> String {
        switch start {
        case .joint: "joint k-means"
        case .input: "input k-means"
        default: "boundary-merge"
        }
    }

    /// The start check's verdict in words; `replaced` names the codes' candidate when k-means on the input replaced it.
    static func inputCheckText(_ check: StartCheck, replaced: StartPartition?) -> String {
        func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "none (a cluster too small to fit)" }
        let figures =
            "normalised cut on a 10-nearest-neighbour graph of the input (lower is better) \(number(check.candidateCut)) against "
            + "k-means on the input \(number(check.inputCut)), mixture fit (higher is better) \(number(check.candidateFit)) against \(number(check.inputFit)); labels not used"
        guard let replaced else { return "; checked against k-means on the input and kept (\(figures))" }
        return
            "; it replaced the \(heldStartName(replaced)) start, which was clearly worse on the input: the codes lost structure the input shows (\(figures))"
    }

    /// What the clustering term was divided by, and why (``ClusteringScale``).
    static func clusteringTermRow(_ scale: ClusteringScale, divisor: Double?, start: StartPartition) -> Row {
        var value =
            divisor.map {
                "‖f(x) − μ‖² (a code's squared distance to its cluster's centre μ) divided by the codes' total variance at the start, "
                    + formatNumber($0)
            }
            ?? "‖f(x) − μ‖² (a code's squared distance to its cluster's centre μ) as the paper writes it"
        value += " (--clustering-scale \(scale.rawValue)"
        if scale == .auto { value += divisor == nil ? ": a \(heldStartName(start)) start is held with the paper's full pull" : ": a k-means start" }
        return Row(key: "Clustering term", value: value + ")")
    }
}
