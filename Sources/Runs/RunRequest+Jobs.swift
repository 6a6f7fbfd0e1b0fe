public import Foundation
public import Report
import RunFormat

extension RunRequest {
    /// `train`: trains and records into `OUT/run`; returns that folder.
    /// - Parameter beforeTraining: Called with OUT once it is known, before training starts (`--serve`).
    /// - Throws: The training failure after recording the epochs before it.
    public func train(beforeTraining: ((URL) throws -> Void)? = nil) throws -> URL {
        let pipeline = try pipeline(for: load())
        try beforeTraining?(pipeline.outDirectory)
        let runDirectory = try pipeline.train()
        if let failure = pipeline.failure { throw failure }
        return runDirectory
    }

    /// `generate`: trains, records, renders and writes the report; returns its `index.html`. When training
    /// fails after some epochs were recorded, their report is still written (and named on standard error)
    /// before the failure is thrown.
    public func generate(render: RenderOptions, templates: URL, selfContained: Bool, beforeTraining: ((URL) throws -> Void)? = nil) throws -> URL {
        let pipeline = try pipeline(for: load())
        try beforeTraining?(pipeline.outDirectory)
        let runDirectory = try pipeline.train()
        if let failure = pipeline.failure, (try? RecordedRun(directory: runDirectory))?.availableEpochs.isEmpty ?? true {
            throw failure  // nothing recorded to render
        }
        let index = try RunPipeline.report(
            runDirectory: runDirectory, into: pipeline.outDirectory, templates: templates,
            render: render, selfContained: selfContained, quiet: quiet)
        if let failure = pipeline.failure {
            FileHandle.standardError.write(Data("report of the epochs before the failure: \(index.path)\n".utf8))
            throw failure
        }
        return index
    }
}
