import Foundation

/// How well a 2-D view keeps each point's nearest neighbours: the measures used to compare t-SNE with PCA.
public enum NeighbourhoodPreservation {
    /// The mean fraction of each point's `k` nearest neighbours in the input that are also among its `k`
    /// nearest in the view (1: every neighbourhood kept).
    /// - Parameters:
    ///   - input: Row-major, `count × dimensions`.
    ///   - view: Interleaved x, y per point.
    public static func kept(input: [Float], count: Int, dimensions: Int, view: [Double], k: Int = 10) -> Double {
        let inputNeighbours = neighbours(count) { i, j in
            var sum = 0.0
            for c in 0..<dimensions {
                let d = Double(input[i * dimensions + c]) - Double(input[j * dimensions + c])
                sum += d * d
            }
            return sum
        }
        let viewNeighbours = neighbours(count) { i, j in
            let dx = view[2 * i] - view[2 * j], dy = view[2 * i + 1] - view[2 * j + 1]
            return dx * dx + dy * dy
        }
        let k = min(k, count - 1)
        var kept = 0
        for i in 0..<count { kept += Set(inputNeighbours(i, k)).intersection(viewNeighbours(i, k)).count }
        return Double(kept) / Double(count * k)
    }

    /// Trustworthiness T(k) (Venna & Kaski, 2001; scikit-learn's `trustworthiness`): 1 minus a penalty
    /// for every point among a point's `k` nearest in the view that is not among its `k` nearest in the
    /// input, weighted by how far down the input ranking it is.
    public static func trustworthiness(input: [Float], count: Int, dimensions: Int, view: [Double], k: Int = 10) -> Double {
        let n = count, k = min(k, (n - 1) / 2)
        var penalty = 0.0
        for i in 0..<n {
            var inputDistances = [Double](repeating: 0, count: n), viewDistances = [Double](repeating: 0, count: n)
            for j in 0..<n {
                var sum = 0.0
                for c in 0..<dimensions {
                    let d = Double(input[i * dimensions + c]) - Double(input[j * dimensions + c])
                    sum += d * d
                }
                inputDistances[j] = sum
                let dx = view[2 * i] - view[2 * j], dy = view[2 * i + 1] - view[2 * j + 1]
                viewDistances[j] = dx * dx + dy * dy
            }
            inputDistances[i] = -1
            viewDistances[i] = -1
            var rank = [Int](repeating: 0, count: n)
            for (position, j) in (0..<n).sorted(by: { (inputDistances[$0], $0) < (inputDistances[$1], $1) }).enumerated() { rank[j] = position }
            let nearestInView = (0..<n).sorted { (viewDistances[$0], $0) < (viewDistances[$1], $1) }.dropFirst().prefix(k)
            for j in nearestInView where rank[j] > k { penalty += Double(rank[j] - k) }
        }
        return 1 - 2 / (Double(n * k) * Double(2 * n - 3 * k - 1)) * penalty
    }

    /// A function giving the `k` nearest other points of `i` by `distance`.
    private static func neighbours(_ n: Int, _ distance: @escaping (Int, Int) -> Double) -> (Int, Int) -> [Int] {
        { i, k in
            let values = (0..<n).map { $0 == i ? Double.infinity : distance(i, $0) }
            return smallest(k, of: values)
        }
    }
}
