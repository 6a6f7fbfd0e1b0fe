/// Every setting of a DCN run, described once: its `run.json` key, its flag (also its config-file key and
/// its sweep axis), how the flag is given, what it means, and its default under each preset.
///
/// The command line's help, the config-file reader's keys, the sweep's axes, the comparison's column
/// names and order, and `run.json`'s configuration keys are all derived from, or checked against, this
/// list (SettingSchemaTests): a setting present in one of them and missing here fails a test.
public enum SettingSchema {
    /// Every setting, in `DCNConfiguration`'s order.
    public static let all: [SettingDescription] = [
        .init(
            "clusterCount", flag: "clusters", "Number of clusters k.",
            fixedDefault: "the number of label classes, else 4 (mnist: 10)"),
        .init(
            "latentDimensions", flag: "latent-dim", "Width of the latent code f(x).",
            fixedDefault: "synthetic 2 · general max(k, 10) · mnist 10"),
        .init(
            "hiddenLayers", flag: "hidden", "Hidden layer widths of the encoder, comma-separated; the decoder mirrors them.",
            listValued: true,
            fixedDefault:
                "synthetic 100,50,10 · general sized to the data, w,w,4w with w = 4·D rounded up to a power of two, 64 to 500 (500,500,2000 from 125 features on) · mnist 500,500,2000"
        ),
        .init(
            "lambda", flag: "lambda",
            "λ: weight of the clustering term against the relative reconstruction error (the same on every data set; README: what λ means)."
        ) { "\($0.lambda)" },
        .init(
            "learningRate", flag: "learning-rate",
            "Learning rate of DCN training, and of pretraining unless --pretrain-learning-rate is given."
        ) { "\($0.learningRate)" },
        .init(
            "batchSize", flag: "batch-size", "Minibatch size.",
            fixedDefault: "synthetic 64 · general sized to the rows, the largest power of two at most N/4, at most 256 · mnist 256"),
        .init("pretrainEpochs", flag: "pretrain-epochs", "Autoencoder pretraining epochs.") { "\($0.pretrainEpochs)" },
        .init("epochs", flag: "epochs", "DCN training epochs, one frame each plus epoch 0 (0: pretraining and the start only).") { "\($0.epochs)" },
        .init("seed", flag: "seed", "Seed for data generation, weights, shuffling and k-means (README lists the synthetic demo for seeds 0–19)."),
        .init(
            "centerCountStart", flag: "center-count-start",
            "Value the per-cluster counts of the centre update start from (the official code's 100)."
        ) { "\($0.centerCountStart)" },
        .init("resetCountsEachEpoch", flag: "reset-counts", form: .onSwitch, "Reset the per-cluster counts at the start of every epoch."),
        .init("kmeansRestarts", flag: "kmeans-restarts", "k-means++ restarts for the initial centres and baselines.") { "\($0.kmeansRestarts)" },
        .init("hiddenActivation", flag: "activation", "Hidden-layer activation: relu, leaky-relu, tanh, sigmoid or linear.") {
            $0.hiddenActivation.rawValue
        },
        .init(
            "initialization", flag: "initialization",
            "Weight initialisation: fan-in (U(±1/√in) for weights and biases, PyTorch's default), auto (He for ReLU, Glorot otherwise, zero biases), he or glorot."
        ) {
            $0.initialization.rawValue
        },
        .init(
            "assignBeforeStep", flag: "keep-assignments", form: .offSwitch,
            "Keep each sample's assignment from its last visit for the network step instead of assigning it with the current network just before the step."
        ),
        .init(
            "startPartition", flag: "start",
            "DCN's starting partition: kmeans (on the codes, the paper's), merged (over-cluster, then merge along dense boundaries), joint (k-means on the input and the codes together), input (k-means on the input alone) or auto (merged when its normalised cut is lower than kmeans's, else joint; either gives way to input when that is clearly better on the input's own graph and mixture fit; kmeans when there are fewer than 2k samples)."
        ) {
            $0.startPartition.rawValue
        },
        .init("optimizer", flag: "optimizer", "Optimiser: adam or sgd (with --momentum, --nesterov).") { $0.optimizer.rawValue },
        .init(
            "pretrainLearningRate", flag: "pretrain-learning-rate", "Learning rate of pretraining.",
            fixedDefault: "--learning-rate"),
        .init("momentum", flag: "momentum", "SGD momentum (the official DCN code's 0.9).") { "\($0.momentum)" },
        .init("nesterov", flag: "nesterov", form: .onSwitch, "Use Nesterov momentum with SGD."),
        .init("weightDecay", flag: "weight-decay", "L2 weight decay.") { "\($0.weightDecay)" },
        .init(
            "batchNormalization", flag: "batch-norm", form: .onSwitch,
            "Batch normalisation after every hidden layer (training: batch statistics; encoding: running statistics)."),
        .init(
            "refillCollapsedClusters", flag: "no-refill", form: .offSwitch,
            "Leave a cluster that collapses during DCN training (under a tenth of the mean cluster size) as it is, instead of refilling it by splitting the most spread cluster."
        ),
        .init(
            "keepBetter", flag: "no-keep-better", form: .offSwitch,
            "End with DCN's own labelling even when it is clearly worse than its start's own partition on the unsupervised judge (README: when DCN ends worse than its start); by default such a run keeps its start."
        ),
        .init(
            "clusteringScale", flag: "clustering-scale",
            "What the clustering term is divided by: auto (the codes' total variance at the start for a k-means start, i.e. with --start kmeans; nothing for a held start: boundary merge, joint or input), codes (the codes' variance for any start) or paper (nothing, as the paper writes it); a divided term's recorded loss is relative too (docs/results.md)."
        ) {
            $0.clusteringScale.rawValue
        }
    ]

    /// The setting a `run.json` configuration key names.
    public static func setting(field: String) -> SettingDescription? { all.first { $0.field == field } }

    /// The setting a flag (without dashes) sets.
    public static func setting(flag: String) -> SettingDescription? { all.first { $0.flag == flag } }

    /// A flag's help text with its default under each preset, for `--help`.
    /// - Parameter flag: A flag that is in ``all``.
    public static func help(_ flag: String) -> String {
        guard let setting = setting(flag: flag) else { preconditionFailure("\(flag) is not in SettingSchema.all") }
        return setting.helpWithDefaults
    }
}

/// One setting of ``SettingSchema``.
public struct SettingDescription: Sendable {
    /// How the command line gives a setting.
    public enum Form: Sendable {
        /// `--flag VALUE`.
        case value
        /// `--flag` sets a field that is false by default to true.
        case onSwitch
        /// `--flag` sets a field that is true by default to false (`--no-refill`, `--keep-assignments`).
        case offSwitch
    }

    /// The `DCNConfiguration` property and `run.json` configuration key.
    public let field: String
    /// The flag without dashes; also the config file's key and the sweep's axis name.
    public let flag: String
    /// How the flag is given.
    public let form: Form
    /// What the setting means (one or two sentences, without the default).
    public let help: String
    /// Whether the value is itself a comma list (a sweep then separates alternatives with `/`).
    public let listValued: Bool
    /// The default as text under one preset's configuration; nil where ``fixedDefault`` says it.
    let presetDefault: (@Sendable (DCNConfiguration) -> String)?
    /// The default where it does not follow from a preset's configuration alone.
    let fixedDefault: String?

    init(
        _ field: String, flag: String, form: Form = .value, _ help: String, listValued: Bool = false, fixedDefault: String? = nil,
        presetDefault: (@Sendable (DCNConfiguration) -> String)? = nil
    ) {
        self.field = field
        self.flag = flag
        self.form = form
        self.help = help
        self.listValued = listValued
        self.fixedDefault = fixedDefault
        self.presetDefault = presetDefault
    }

    /// The help text followed by the default under each preset (one value when all presets agree).
    public var helpWithDefaults: String {
        guard form == .value else { return help }
        if let fixedDefault { return help + " Default: \(fixedDefault)." }
        guard let presetDefault else { return help }
        let values = [("synthetic", DCNConfiguration.synthetic), ("general", .general), ("mnist", .mnist)].map { ($0.0, presetDefault($0.1)) }
        if Set(values.map(\.1)).count == 1 { return help + " Default: \(values[0].1)." }
        return help + " Default: " + values.map { "\($0.0) \($0.1)" }.joined(separator: " · ") + "."
    }

    /// A recorded value as the flag reads: an off-switch's field is true when the flag is absent, so its
    /// value is shown inverted (`keep-assignments true` when `assignBeforeStep` is false).
    /// - Parameter recorded: The field's value as compact JSON text.
    public func flagValue(_ recorded: String) -> String {
        guard form == .offSwitch else { return recorded }
        switch recorded {
        case "true": return "false"
        case "false": return "true"
        default: return recorded
        }
    }
}
