import DCNCore

/// How DCN's start (epoch 0) is chosen: which candidates are tried and which judge picks among them.
///
/// Under `--start auto` (the default), labels never read:
/// 1. With fewer than two codes per cluster, k-means on the codes.
/// 2. **On the codes**: the boundary merge challenges k-means on the codes on a neighbour graph of the codes
///    (``JudgeRule/codeGraph``: lower cut wins). The merge starts if it wins; otherwise the codes show no
///    curved or chained clusters for it to find and the joint k-means (input and codes together) starts in
///    k-means's place — a compact partition that keeps what k-means sees in the input too. The joint start is
///    not itself judged on the codes (measured in docs/results.md, *The joint start*).
/// 3. **On the input**: k-means on the input challenges that start on a neighbour graph of the scaled input's
///    signal components (``SignalSubspace``) with the mixture-fit veto on the scaled input
///    (``JudgeRule/startCheck(clusterCount:)``) and starts instead if it wins.
///
/// `--start merged` takes step 2's cuts but always the merge; `kmeans`, `joint` and `input` take that
/// candidate alone, unjudged.
struct StartPolicy {
    /// The `--start` setting.
    let setting: StartPartition

    /// The start and how it was chosen.
    struct Choice {
        /// The chosen candidate's proposal.
        let start: ProposedStart
        /// What the run records (`run.json`'s `start`).
        let record: StartChoice
    }

    /// Chooses the start.
    /// - Parameter context: The codes, the input and the training stream (the merge draws from it).
    func choose(_ context: inout StartContext) -> Choice {
        switch setting {
        case .kmeans: return unjudged(KMeansOnCodesStart(), &context)
        case .joint: return unjudged(JointKMeansStart(), &context)
        case .input: return unjudged(KMeansOnInputStart(), &context)
        case .merged, .auto: break
        }
        guard BoundaryMergeStart.applies(to: context) else { return unjudged(KMeansOnCodesStart(), &context) }

        // Step 2, on the codes.
        let merge = BoundaryMergeStart().propose(&context)
        let kmeans = KMeansOnCodesStart().propose(&context)
        let codeJudge = LabellingJudge(points: context.codes, stream: .codeJudge, configuration: context.configuration)
        let kmeansCut = codeJudge.cut(kmeans.assignments), mergedCut = codeJudge.cut(merge.assignments)
        let mergeWins =
            setting == .merged
            || JudgeRule.codeGraph.challengerWins(JudgedLabelling(cut: mergedCut, fit: nil), over: JudgedLabelling(cut: kmeansCut, fit: nil))
        let onCodes: any StartCandidate = mergeWins ? BoundaryMergeStart() : JointKMeansStart()
        var record = StartChoice(partition: onCodes.partition, kmeansCut: kmeansCut, mergedCut: mergedCut, criterion: .neighbourGraphCut)
        let candidate = mergeWins ? merge : onCodes.propose(&context)
        guard setting == .auto else { return Choice(start: candidate, record: record) }

        // Step 3, on the input.
        let input = KMeansOnInputStart().propose(&context)
        let inputJudge = LabellingJudge(
            points: context.data, graphPoints: SignalSubspace.of(context.data, clusterCount: context.clusterCount), stream: .inputJudge,
            configuration: context.configuration)
        let judgedCandidate = inputJudge.judged(candidate.assignments), judgedInput = inputJudge.judged(input.assignments)
        let check = StartCheck(
            candidateCut: judgedCandidate.cut, candidateFit: judgedCandidate.fit,
            inputCut: judgedInput.cut, inputFit: judgedInput.fit,
            margin: JudgeRule.startCheck(clusterCount: context.clusterCount).margin)
        record.inputCheck = check
        guard check.inputWins else { return Choice(start: candidate, record: record) }
        record.partition = .input
        return Choice(start: input, record: record)
    }

    /// A candidate taken without a judge.
    private func unjudged(_ candidate: some StartCandidate, _ context: inout StartContext) -> Choice {
        Choice(start: candidate.propose(&context), record: StartChoice(partition: candidate.partition, kmeansCut: nil, mergedCut: nil))
    }
}
