import DCNCore
import RunFormat

extension MethodsParagraph {
    /// The start and its rule, with the numbers that decided it and which direction is better.
    mutating func describeStart(_ start: StartChoice, config: RecordedConfiguration, heldThrough: Int?) {
        let restarts = config.kmeansRestarts.map { " with \($0) restarts" } ?? ""
        let kmeansOnCodes = "k-means++\(restarts) on the pretrained codes"
        func cut(_ value: Double) -> String { String(format: "%.3f", value) }
        if let kmeansCut = start.kmeansCut, let mergedCut = start.mergedCut {
            let graph =
                start.criterion == .mergeGraphCut
                ? "the boundary merge's own micro-cluster graph"
                : "a 10-nearest-neighbour graph of the codes"
            let mergeWon = mergedCut < kmeansCut
            addWords(
                "The start (epoch 0) was chosen without labels: a boundary merge of the codes (over-clustering into micro-clusters, then merging them along dense boundaries) was compared with \(kmeansOnCodes) by normalised cut on \(graph) (lower is better): \(cut(mergedCut)) against \(cut(kmeansCut)). "
                    + (start.partition == .merged && !mergeWon
                        ? "The merge was taken because --start merged asked for it."
                        : mergeWon
                            ? "The merge cut lower and was taken."
                            : "k-means cut no higher, so the codes showed no curved or chained clusters for the merge to find, and the run took the joint k-means in its place: k-means\(restarts) on the scaled input and the codes side by side, each view weighted equally.")
            )
        } else {
            let text =
                switch start.partition {
                case .kmeans: "The centres were initialised by \(kmeansOnCodes) (epoch 0), as in the paper."
                case .merged: "The start (epoch 0) was a boundary merge of the codes."
                case .joint:
                    "The start (epoch 0) was k-means\(restarts) on the scaled input and the codes side by side (joint k-means), as --start joint asked."
                case .input: "The start (epoch 0) was k-means\(restarts) on the scaled input, as --start input asked."
                case .auto: "The start (epoch 0) was chosen automatically."
                }
            addWords(text)
        }
        if let check = start.inputCheck {
            let chosen =
                start.partition == .input
                ? (start.mergedCut ?? 0) < (start.kmeansCut ?? 0) ? "merge" : "joint k-means" : start.partition == .merged ? "merge" : "joint k-means"
            func fit(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "none (a cluster too small to fit)" }
            let rule =
                "it would give way to k-means\(restarts) on the scaled input only if that cut a 10-nearest-neighbour graph of the input lower by more than \(cut(check.margin)) and fitted the input at least as well as a mixture of Gaussians (higher is better)"
            let numbers =
                "normalised cut \(cut(check.inputCut)) against the \(chosen)'s \(cut(check.candidateCut)), mixture fit \(fit(check.inputFit)) against \(fit(check.candidateFit))"
            addWords(
                "The \(chosen) was then checked on the input: \(rule). With \(numbers), "
                    + (check.inputWins
                        ? "k-means on the input replaced it: the codes had lost structure the input shows." : "the \(chosen) was kept."))
        }
        if start.partition.isHeld {
            let through = heldThrough.map { " (here through DCN epoch \($0))" } ?? ""
            addWords(
                "This start is not a set of nearest-centre cells of the codes, so DCN held its assignments, the centres following their members' codes, until 99 % of the samples were nearest their own centre or half the DCN epochs had passed\(through); from then on it assigned by nearest centre."
            )
        }
    }

    /// Every refill, or that none happened.
    mutating func describeRefills(_ manifest: RunManifest) {
        guard let refill = manifest.configuration.refillCollapsedClusters else { return }
        guard refill else { return addWords("A cluster that collapsed was not refilled.") }
        let refills = manifest.epochs.compactMap { entry in (entry.refilledClusters ?? []).isEmpty ? nil : (entry.epoch, entry.refilledClusters ?? [])
        }
        // Method version 4 refills at the start too and passes over a split that would make a new sliver;
        // version 5 refills only under 1 % of the samples.
        let version = manifest.method.map { $0.name == .dcnReport ? $0.version : 0 } ?? 0
        let rule: String
        switch version {
        case 5...:
            rule =
                "A cluster holding under a tenth of the mean cluster size and under 1 % of the samples at the start or after an epoch is refilled by splitting in two with 2-means the most spread cluster whose halves both stay above that size"
        case 4:
            rule =
                "A cluster holding under a tenth of the mean cluster size at the start or after an epoch counts as collapsed and is refilled by splitting in two with 2-means the most spread cluster whose halves both stay above that size"
        default:
            rule =
                "A cluster holding under a tenth of the mean cluster size after an epoch counts as collapsed and is refilled by splitting the most spread cluster in two with 2-means"
        }
        if refills.isEmpty { return addWords(rule + "; no cluster was refilled in this run.") }
        let list = refills.map {
            "cluster\($0.1.count == 1 ? "" : "s") \($0.1.map(String.init).joined(separator: ", ")) \($0.0 == 0 ? "at the start" : "after epoch \($0.0)")"
        }
        addWords(rule + "; this run refilled " + list.joined(separator: "; ") + ".")
    }

    /// The end verdict and what the run kept.
    mutating func describeEnd(_ outcome: RunOutcome, method: DCNMethod?) {
        func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "none" }
        let numbers =
            "normalised cut \(number(outcome.dcnScore)) against the start's \(number(outcome.startScore)) on a 10-nearest-neighbour graph of the scaled input (lower is better; margin \(number(outcome.margin)))"
            + (outcome.dcnFit != nil || outcome.startFit != nil
                ? " and mixture fit \(number(outcome.dcnFit)) against \(number(outcome.startFit)) (higher is better)" : "")
        if method == .paper {
            return addWords(
                "As the paper has no end judge, the run's labelling is DCN's last epoch (\(outcome.dcnEpoch)); the judge's numbers were recorded only: DCN's \(numbers)."
            )
        }
        // What was judged, why DCN counts as worse, what a kept start brings back: method version 1 (no
        // `challenger`) judged the nearest-centre labelling with the fit's veto; version 2 the start's own
        // partition by the cut alone.
        let judged: String, worseBecause: String, keptWhat: String, modelNote: String
        if outcome.challenger == nil {
            judged = "After the last epoch, DCN's labelling was judged against the start's nearest-centre labelling without labels: DCN's \(numbers)."
            worseBecause = " (a higher cut by more than the margin, and no better fit)"
            keptWhat = "labelling"
            modelNote = ""
        } else {
            let against = outcome.challengerIsHeldPartition ? "the start's own (held) partition" : "the start's labelling"
            judged =
                "After the last epoch, DCN's labelling was judged against \(against) without labels: normalised cut \(number(outcome.dcnScore)) against \(number(outcome.challengingStart.cut)) on a 10-nearest-neighbour graph of the scaled input (lower is better; margin \(number(outcome.margin)); the cut decides alone)."
            worseBecause = ""
            keptWhat = outcome.challengerIsHeldPartition ? "partition" : "labelling"
            modelNote =
                outcome.savedModelAgreement.map {
                    " The saved model assigns new samples by nearest centre in the start's network, which gives \(String(format: "%.1f", 100 * $0)) % of the samples this partition's label."
                } ?? ""
        }
        if outcome.kept == .start {
            addWords(
                judged
                    + " DCN ended clearly worse\(worseBecause), so the run kept the start's network, centres and \(keptWhat), recorded as epoch \(outcome.dcnEpoch + 1)."
                    + modelNote)
        } else if outcome.dcnWorseThanStart {
            addWords(
                judged
                    + " DCN ended clearly worse, but the run was told to keep DCN's labelling (--no-keep-better), its last epoch (\(outcome.dcnEpoch))."
            )
        } else {
            addWords(judged + " DCN was not clearly worse, so the run's labelling is DCN's last epoch (\(outcome.dcnEpoch)).")
        }
    }

    /// Which method and version, and how to cite it.
    mutating func describeMethod(_ run: RecordedRun) {
        let manifest = run.manifest
        if run.isForeign {
            return addWords(
                "The run was recorded by \(manifest.tool.name) \(manifest.tool.version); this paragraph states only what its run.json records.")
        }
        let seed = manifest.configuration.seed.map { ", seed \($0)" } ?? ""
        if let method = manifest.method {
            append([
                .words(
                    "This is \(method.name.title) (method \(method.name.rawValue), version \(method.version)), run with dcn-report \(manifest.tool.version) ["
                ),
                .citation("dcnreport"), .words("]\(seed).")
            ])
        } else {
            append([
                .words("The run was made with dcn-report \(manifest.tool.version) ["), .citation("dcnreport"),
                .words("]\(seed), before runs recorded their method.")
            ])
        }
    }
}
