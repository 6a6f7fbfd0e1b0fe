import Datasets
import Foundation
import FuzzSupport

/// gzip streams (zlib with the trailer's CRC and length checked) as the CSV and IDX readers meet them.
func fuzzGzip(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = fuzzData(start, count)
    _ = try? CSVLoader.load(bytes: data, source: "fuzz.csv.gz", labelColumn: .last)
    _ = try? IDXLoader.loadImages(bytes: data, source: "fuzz-images-idx3-ubyte.gz")
    return 0
}

runFuzzer(fuzzGzip)
