import Foundation
import RunFormat
import Testing
import TestSupport

/// The labellings a run scores have one definition (`RunFormat.Labelling`); these tests fail when a copy appears.
@Suite("Labelling ids: one source of truth")
struct LabellingTests {
    @Test("each baseline id is spelled once in Sources/, in RunFormat/Labelling.swift")
    func idsSpelledOnce() throws {
        let sources = repositoryRoot().appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        var places: [String: [String]] = [:]
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for labelling in Labelling.allCases where text.contains("\"\(labelling.id)\"") {
                places[labelling.id, default: []].append(file.lastPathComponent)
            }
        }
        for labelling in Labelling.allCases {
            #expect(places[labelling.id] == ["Labelling.swift"], "\(labelling.id) is spelled in \(places[labelling.id] ?? [])")
        }
    }

    @Test("the Python writer's baseline titles are the Swift titles of the same ids")
    func pythonTitlesAgree() throws {
        guard let lines = try pythonDictEntries(in: "python/src/dcn_report/writer.py", named: "BASELINE_TITLES") else {
            Issue.record("writer.py no longer defines BASELINE_TITLES = {…}")
            return
        }
        let entries = lines.compactMap { $0.count >= 2 ? ($0[0], $0[1]) : nil }
        #expect(entries.count >= 5)
        for (id, title) in entries {
            let labelling = Labelling(rawValue: id)
            #expect(labelling != nil, "writer.py names \(id), which RunFormat.Labelling does not know")
            #expect(labelling?.title == title, "writer.py titles \(id) '\(title)', Swift '\(labelling?.title ?? "")'")
        }
    }

    @Test("the report orders recorded ids by the enum and puts unknown ids last")
    func ranks() {
        #expect(Labelling.rank(of: "kept-start") < Labelling.rank(of: "dcn-nearest-centre"))
        #expect(Labelling.rank(of: "dcn-nearest-centre") < Labelling.rank(of: "kmeans-raw"))
        #expect(Labelling.rank(of: "someone-elses-method") == Labelling.allCases.count)
    }
}
