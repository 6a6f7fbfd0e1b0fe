import Datasets
import Foundation
import FuzzSupport

/// CSV tables with each way of naming the label column; the first byte picks the way.
func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = fuzzData(start, count)
    guard let selector = data.first else { return 0 }
    let column: LabelColumn =
        switch selector % 4 {
        case 0: .none
        case 1: .last
        case 2: .index(Int(selector / 4) % 8)
        default: .named("label")
        }
    _ = try? CSVLoader.load(bytes: data.dropFirst(), source: "fuzz.csv", labelColumn: column)
    return 0
}

runFuzzer(fuzzCSV)
