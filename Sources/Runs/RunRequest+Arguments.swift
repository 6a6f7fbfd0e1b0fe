import DCNCore
import Datasets

extension RunRequest {
    /// The `train` flags that give this request, one `--flag=value` (or bare switch) per value set, in a
    /// fixed order; parsing them gives back an equal request (SweepTests checks this for every flag).
    /// A sweep starts its runs with these, so a child is given exactly the values the sweep checked.
    public var arguments: [String] {
        var flags: [String] = []
        let defaults = RunRequest()
        func add(_ flag: String, _ value: (some CustomStringConvertible)?) {
            if let value { flags.append("--\(flag)=\(value)") }
        }
        func add(_ flag: String, on: Bool) {
            if on { flags.append("--\(flag)") }
        }
        add("method", method == defaults.method ? nil : method.rawValue)
        add("preset", preset?.rawValue)
        add("dataset", dataset)
        add("labels", labels)
        add("label-column", labelColumn == defaults.labelColumn ? nil : labelColumn.argument)
        add("clusters", clusters)
        add("latent-dim", latentDim)
        add("hidden", hidden?.map(String.init).joined(separator: ","))
        add("activation", activation?.rawValue)
        add("initialization", initialization?.rawValue)
        add("lambda", lambda)
        add("start", start?.rawValue)
        add("no-refill", on: noRefill)
        add("no-keep-better", on: noKeepBetter)
        add("clustering-scale", clusteringScale?.rawValue)
        add("keep-assignments", on: keepAssignments)
        add("optimizer", optimizer?.rawValue)
        add("learning-rate", learningRate)
        add("pretrain-learning-rate", pretrainLearningRate)
        add("momentum", momentum)
        add("nesterov", on: nesterov)
        add("weight-decay", weightDecay)
        add("batch-norm", on: batchNorm)
        add("batch-size", batchSize)
        add("pretrain-epochs", pretrainEpochs)
        add("epochs", epochs)
        add("center-count-start", centerCountStart)
        add("reset-counts", on: resetCounts)
        add("kmeans-restarts", kmeansRestarts)
        add("scaling", scaling == defaults.scaling ? nil : scaling.rawValue)
        add("seed", seed)
        add("points-per-cluster", pointsPerCluster == defaults.pointsPerCluster ? nil : pointsPerCluster)
        add("limit", limit)
        add("out", out)
        add("name", name)
        add("class-names", classNames?.joined(separator: ","))
        add("image-shape", imageShape?.map(String.init).joined(separator: "x"))
        add("from-pretrained", fromPretrained)
        add("save-pretrained", savePretrained)
        add("force", on: force)
        add("quiet", on: quiet)
        return flags
    }
}

extension LabelColumn {
    /// The `--label-column` value that parses to this column.
    public var argument: String {
        switch self {
        case .none: "none"
        case .last: "last"
        case .index(let index): "\(index)"
        case .named(let name): name
        }
    }
}
