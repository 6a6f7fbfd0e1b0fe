/// A symbol the Methods paragraph may use, with its glossary entry. Only the symbols a paragraph uses are
/// listed beside it.
enum MethodsSymbol: CaseIterable {
    case sampleCount, dimensions, clusterCount, sample, encoder, decoder, inputVariance, lambda, centre, assignment,
        count, codeVariance, batchSize, loss

    /// How the HTML page and Markdown write it.
    var unicode: String {
        switch self {
        case .sampleCount: "N"
        case .dimensions: "D"
        case .clusterCount: "k"
        case .sample: "xᵢ"
        case .encoder: "f"
        case .decoder: "g"
        case .inputVariance: "V"
        case .lambda: "λ"
        case .centre: "μₖ"
        case .assignment: "sᵢ"
        case .count: "cₖ"
        case .codeVariance: "V_z"
        case .batchSize: "B"
        case .loss: "L"
        }
    }

    /// How LaTeX writes it (inside math).
    var latex: String {
        switch self {
        case .sampleCount: "N"
        case .dimensions: "D"
        case .clusterCount: "k"
        case .sample: "x_i"
        case .encoder: "f"
        case .decoder: "g"
        case .inputVariance: "V"
        case .lambda: "\\lambda"
        case .centre: "\\mu_k"
        case .assignment: "s_i"
        case .count: "c_k"
        case .codeVariance: "V_z"
        case .batchSize: "B"
        case .loss: "L"
        }
    }

    /// What it means in the glossary of a run another tool recorded, where only its name is known.
    func meaning(foreign: Bool) -> String {
        foreign && self == .lambda ? "the clustering weight the run recorded" : meaning
    }

    /// What it means, in the glossary.
    var meaning: String {
        switch self {
        case .sampleCount: "number of samples"
        case .dimensions: "number of input features"
        case .clusterCount: "number of clusters"
        case .sample: "the i-th sample, after input scaling"
        case .encoder: "the encoder, mapping a sample to its code f(x)"
        case .decoder: "the decoder, mapping a code back to input space"
        case .inputVariance: "total variance of the scaled input (sum of the feature variances), measured once"
        case .lambda: "weight of the clustering term against the relative reconstruction error"
        case .centre: "centre of cluster k in code space"
        case .assignment: "the cluster sample i is assigned to"
        case .count: "running count of cluster k in the centre update"
        case .codeVariance: "total variance of the pretrained codes, measured once at the start"
        case .batchSize: "minibatch size"
        case .loss: "the loss minimised for each minibatch (its mean over the batch)"
        }
    }
}

/// A piece of the Methods paragraph: words, or a formula written both ways.
enum MethodsPiece: Equatable {
    /// Plain words.
    case words(String)
    /// A formula: Unicode for the page and Markdown, LaTeX for the .tex file.
    case math(unicode: String, latex: String)
    /// A citation of a BibTeX key.
    case citation(String)
}
