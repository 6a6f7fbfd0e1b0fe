import DCNCore
import DCNReportCommand
import Foundation
@testable import Report
import RunFormat
import Runs
import TestSupport
import Testing

/// The Methods paragraph states what `run.json` says — each test reads both — and its glossary defines
/// every symbol it uses.
@Suite struct MethodsTests {
    func train(_ arguments: [String], name: String) throws -> RecordedRun {
        let out = temporaryDirectory(name)
        var command = try DCNReport.parseAsRoot(["train", "--quiet", "--out", out.path] + arguments)
        try command.run()
        return try RecordedRun(directory: out.appendingPathComponent("run"))
    }

    func cut(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Every symbol a formula of the paragraph writes is in the glossary, and the glossary lists nothing else.
    func expectGlossaryComplete(_ document: MethodsDocument, sourceLocation: SourceLocation = #_sourceLocation) {
        let formulas = document.paragraph.sentences.flatMap { $0 }.compactMap { piece -> String? in
            if case .math(_, let latex) = piece { return latex }
            return nil
        }
        let listed = Set(document.glossary.map(\.symbol.latex))
        for symbol in MethodsSymbol.allCases {
            let used = formulas.contains { formula in
                formula.components(separatedBy: CharacterSet(charactersIn: " =+-/()·{}^,\\")).contains(
                    symbol.latex.replacingOccurrences(of: "\\", with: ""))
                    || formula.contains(symbol.latex + " ") || formula.hasSuffix(symbol.latex) || formula.contains(symbol.latex + "_")
                    || formula.contains(symbol.latex + ")")
            }
            #expect(!used || listed.contains(symbol.latex), "\(symbol.latex) is used but not in the glossary", sourceLocation: sourceLocation)
        }
        #expect(document.glossary.count == Set(document.glossary.map(\.symbol.latex)).count, sourceLocation: sourceLocation)
        let latex = document.latex
        for (symbol, meaning) in document.glossary {
            #expect(
                latex.contains("\\item[$\(symbol.latex)$]") && document.markdown.contains("| \(symbol.unicode) | \(meaning) |"),
                sourceLocation: sourceLocation)
        }
    }

    @Test("the demo's paragraph states its data, scaling, network, training, start with its numbers, end verdict, method and version")
    func demoParagraph() throws {
        let run = try train(["--points-per-cluster", "50", "--pretrain-epochs", "5", "--epochs", "2", "--seed", "2"], name: "methods-demo")
        let manifest = run.manifest, config = manifest.configuration
        let text = MethodsDocument(run: run).plainText
        #expect(text.contains("N × D = \(manifest.dataset.samples) samples × \(manifest.dataset.dimensions) features"))
        #expect(text.contains("k = \(config.clusterCount) clusters"))
        #expect(text.contains("standardised per feature") && manifest.dataset.scaling == "standardize")
        let layers = ([manifest.dataset.dimensions] + (config.hiddenLayers ?? []) + [config.latentDimensions ?? 0]).map(String.init).joined(
            separator: "–")
        #expect(text.contains("layers \(layers)"))
        #expect(text.contains("pretrained for \(config.pretrainEpochs ?? -1) epochs") && text.contains("for \(config.epochs ?? -1) epochs on L ="))
        #expect(text.contains("λ = \(formatNumber(Double(config.lambda ?? -1)))") && text.contains("Adam"))
        let start = try #require(manifest.start)
        #expect(start.partition == .joint && text.contains("took the joint k-means in its place"))
        #expect(text.contains("\(cut(try #require(start.mergedCut))) against \(cut(try #require(start.kmeansCut)))"))
        let check = try #require(start.inputCheck)
        #expect(text.contains("normalised cut \(cut(check.inputCut)) against the joint k-means's \(cut(check.candidateCut))"))
        let outcome = try #require(manifest.outcome)
        // Since method version 2 the start's own (held) partition challenges DCN, by the cut alone.
        #expect(outcome.challenger == .startPartition && outcome.challengerIsHeldPartition)
        #expect(
            text.contains(
                "judged against the start's own (held) partition without labels: normalised cut \(cut(outcome.dcnScore)) against \(cut(try #require(outcome.startPartitionScore)))"
            ))
        if outcome.kept == .dcn {
            #expect(text.contains("the run's labelling is DCN's last epoch (\(outcome.dcnEpoch))"))
        } else {
            #expect(text.contains("so the run kept the start's network, centres and partition, recorded as epoch \(outcome.dcnEpoch + 1)"))
            #expect(
                text.contains(
                    "which gives \(String(format: "%.1f", 100 * (outcome.savedModelAgreement ?? -1))) % of the samples this partition's label"))
        }
        let method = try #require(manifest.method)
        #expect(method.name == .dcnReport && text.contains("(method dcn-report, version \(method.version))"))
        #expect(text.contains("no cluster was refilled"))
        expectGlossaryComplete(MethodsDocument(run: run))
    }

    @Test("a table run that kept its start says so, with the epoch the start was recorded as")
    func keptStartParagraph() throws {
        let fixtures = repositoryRoot().appendingPathComponent("Tests/Fixtures/decision")
        let run = try train(
            [
                "--dataset", fixtures.appendingPathComponent("iris_X.npy").path, "--labels", fixtures.appendingPathComponent("iris_y.npy").path,
                "--pretrain-epochs", "10", "--epochs", "6", "--lambda", "20", "--seed", "6", "--hidden", "500,500,2000",
                "--batch-size", "256"
            ], name: "methods-kept")
        let outcome = try #require(run.manifest.outcome)
        #expect(outcome.kept == .start, "this run keeps its start (chosen so that the branch runs)")
        let text = MethodsDocument(run: run).plainText
        let kept = outcome.challengerIsHeldPartition ? "partition" : "labelling"
        #expect(text.contains("so the run kept the start's network, centres and \(kept), recorded as epoch \(outcome.dcnEpoch + 1)"))
        #expect(text.contains("shared") || text.contains("common spread"), "iris is on one scale: \(run.manifest.dataset.scaling)")
        expectGlossaryComplete(MethodsDocument(run: run))
    }

    @Test("a log-scaled run says so, and that its standardised logs have total variance D")
    func logScaledParagraph() throws {
        let fixtures = repositoryRoot().appendingPathComponent("Tests/Fixtures/decision")
        let run = try train(
            [
                "--dataset", fixtures.appendingPathComponent("iris_X.npy").path, "--clusters", "3", "--scaling", "log",
                "--pretrain-epochs", "2", "--epochs", "1", "--hidden", "16", "--seed", "1"
            ], name: "methods-log")
        #expect(run.manifest.dataset.scaling == "log")
        let text = MethodsDocument(run: run).plainText
        #expect(text.contains("The input was log-transformed, log(1 + x), then standardised per feature"), "\(text)")
        #expect(text.contains("λ·D = 4 since standardised data have V = D"), "\(text)")
    }

    @Test("a run with a refill names every refilled cluster and its epoch; --method paper says it has no hold, refill or end judge")
    func refillAndPaper() throws {
        let run = try train(["--points-per-cluster", "50", "--pretrain-epochs", "3", "--epochs", "3", "--seed", "1"], name: "methods-refill")
        // What the recorder writes for a refill, added to the recording: the paragraph reads it from run.json.
        let url = run.directory.appendingPathComponent("run.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var epochs = try #require(json["epochs"] as? [[String: Any]])
        epochs[0]["refilledClusters"] = [2]
        epochs[2]["refilledClusters"] = [1, 3]
        json["epochs"] = epochs
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        let refilled = MethodsDocument(run: try RecordedRun(directory: run.directory)).plainText
        #expect(refilled.contains("this run refilled cluster 2 at the start; clusters 1, 3 after epoch 2."))
        #expect(refilled.contains("and under 1 % of the samples at the start or after an epoch"), "method version 5's rule")

        let paper = try train(
            ["--points-per-cluster", "50", "--pretrain-epochs", "3", "--epochs", "3", "--seed", "1", "--method", "paper"], name: "methods-paper")
        #expect(paper.manifest.method == MethodInfo(.paper))
        #expect(paper.manifest.configuration.startPartition == .kmeans && paper.manifest.configuration.keepBetter == false)
        let text = MethodsDocument(run: paper).plainText
        #expect(text.contains("initialised by k-means++ with 10 restarts on the pretrained codes (epoch 0), as in the paper"))
        #expect(text.contains("A cluster that collapsed was not refilled") && text.contains("As the paper has no end judge"))
        #expect(!text.contains("held its assignments") && !text.contains("divided by"))
        #expect(text.contains("This is DCN as the paper states it (method paper, version 1)"))
    }

    @Test("--method paper refuses a flag it fixes, in one line")
    func paperRefusesFixedFlags() throws {
        for flags in [["--start", "merged"], ["--no-refill"], ["--no-keep-better"], ["--clustering-scale", "codes"]] {
            var command = try DCNReport.parseAsRoot(
                ["train", "--method", "paper", "--quiet", "--out", temporaryDirectory("paper-refuses").path] + flags)
            #expect(throws: FlagValueError.self) { try command.run() }
            do { try command.run() } catch {
                let message = "\(error)"
                #expect(message.contains("--method paper fixes \(flags[0])") && !message.contains("\n"), "\(message)")
            }
        }
    }

    @Test("a Python-written run gets only what its run.json says: no loss, optimiser or start it did not record")
    func foreignParagraph() throws {
        guard let python = pythonWithNumpy() else {
            Issue.record("python3 with numpy is needed for this test")
            return
        }
        let folder = temporaryDirectory("methods-foreign").appendingPathComponent("run")
        let script = """
            import json, os, numpy as np
            run = '\(folder.path)'
            os.makedirs(run + '/epochs/0000', exist_ok=True)
            z = np.random.default_rng(0).normal(size=(30, 2)).astype(np.float32)
            np.save(run + '/epochs/0000/latent.npy', z)
            np.save(run + '/epochs/0000/assignments.npy', (np.arange(30) % 3).astype(np.int32))
            manifest = {'formatVersion': 4, 'tool': {'name': 'my-pytorch-loop', 'version': '2'}, 'status': 'complete', 'name': 'torch',
                        'configuration': {'clusterCount': 3, 'epochs': 7, 'lambda': 0.1},
                        'dataset': {'name': 'blobs', 'description': 'three blobs', 'samples': 30, 'dimensions': 2, 'scaling': 'none'},
                        'epochs': [{'epoch': 0, 'phase': 'pretrain', 'path': 'epochs/0000', 'losses': {}, 'clusterSizes': [10, 10, 10]}]}
            json.dump(manifest, open(run + '/run.json', 'w'))
            """
        #expect(try runProcess(python, ["-c", script]).status == 0)
        let run = try RecordedRun(directory: folder)
        let document = MethodsDocument(run: run)
        let text = document.plainText
        #expect(text.contains("We clustered blobs (N × D = 30 samples × 2 features) into k = 3 clusters."))
        #expect(text.contains("used as given") && text.contains("The recorded training ran for 7 epochs with clustering weight λ = 0.1."))
        #expect(text.contains("recorded by my-pytorch-loop 2"))
        for invented in ["Adam", "pretrained", "L =", "boundary merge", "k-means", "refill", "encoder", "Labels"] {
            #expect(!text.contains(invented), "\(invented) is not in its run.json")
        }
        #expect(document.glossary.first { $0.symbol == .lambda }?.meaning == "the clustering weight the run recorded")
        expectGlossaryComplete(document)
    }
}
