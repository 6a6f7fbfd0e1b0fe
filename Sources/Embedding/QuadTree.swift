/// A Barnes–Hut quadtree over 2-D points: each cell knows its points' count and centre of mass, so the
/// repulsion of a far cell is computed once for all its points.
// @unchecked Sendable: read-only once built, and its point buffers outlive every use (the gradient
// builds and uses it inside one `withUnsafeBufferPointer` scope).
struct QuadTree: @unchecked Sendable {
    struct Node {
        var centerX: Double, centerY: Double, halfWidth: Double
        var massX = 0.0, massY = 0.0
        var count = 0
        /// Index of the first of four children in ``nodes``, or -1 for a leaf.
        var firstChild = -1
        /// The point a leaf holds, or -1.
        var point = -1
    }

    private(set) var nodes: [Node] = []
    private let xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>

    /// Builds the tree over points (xs[i], ys[i]).
    init(xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>) {
        self.xs = xs
        self.ys = ys
        let minX = xs.min() ?? 0, maxX = xs.max() ?? 0, minY = ys.min() ?? 0, maxY = ys.max() ?? 0
        let half = max(maxX - minX, maxY - minY, 1e-9) / 2 * 1.0001
        nodes.reserveCapacity(4 * xs.count + 1)
        nodes.append(Node(centerX: (minX + maxX) / 2, centerY: (minY + maxY) / 2, halfWidth: half))
        for i in 0..<xs.count { insert(i, into: 0, depth: 0) }
    }

    private mutating func insert(_ point: Int, into index: Int, depth: Int) {
        let x = xs[point], y = ys[point]
        let count = Double(nodes[index].count)
        nodes[index].massX = (nodes[index].massX * count + x) / (count + 1)
        nodes[index].massY = (nodes[index].massY * count + y) / (count + 1)
        nodes[index].count += 1
        if nodes[index].firstChild < 0 {
            if nodes[index].count == 1 || depth > 40 {  // an empty leaf, or duplicates piled up
                if nodes[index].count == 1 { nodes[index].point = point }
                return
            }
            // Split: move the resident point down, then place the new one.
            let resident = nodes[index].point
            nodes[index].point = -1
            nodes[index].firstChild = nodes.count
            let node = nodes[index], quarter = node.halfWidth / 2
            for (dx, dy) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
                nodes.append(Node(centerX: node.centerX + dx * quarter, centerY: node.centerY + dy * quarter, halfWidth: quarter))
            }
            if resident >= 0 { insert(resident, into: child(of: index, x: xs[resident], y: ys[resident]), depth: depth + 1) }
        }
        insert(point, into: child(of: index, x: x, y: y), depth: depth + 1)
    }

    private func child(of index: Int, x: Double, y: Double) -> Int {
        let node = nodes[index]
        return node.firstChild + (x >= node.centerX ? 1 : 0) + (y >= node.centerY ? 2 : 0)
    }

    /// Σ_j q_ij²·(y_i − y_j) and Σ_j q_ij over all points j ≠ i, q_ij = 1/(1 + ‖y_i − y_j‖²), cells whose
    /// width over distance is below `theta` taken as one mass at their centre.
    func repulsion(of point: Int, theta: Double) -> (fx: Double, fy: Double, z: Double) {
        let x = xs[point], y = ys[point]
        var fx = 0.0, fy = 0.0, z = 0.0
        var stack = [0]
        while let index = stack.popLast() {
            let node = nodes[index]
            guard node.count > 0, !(node.firstChild < 0 && node.point == point && node.count == 1) else { continue }
            let dx = x - node.massX, dy = y - node.massY
            let distance2 = dx * dx + dy * dy
            if node.firstChild < 0 || (2 * node.halfWidth) * (2 * node.halfWidth) < theta * theta * distance2 {
                // A leaf holding this point among duplicates counts the others only.
                let mass = Double(node.count) - (node.firstChild < 0 && node.point == point ? 1 : 0)
                let q = 1 / (1 + distance2)
                z += mass * q
                fx += mass * q * q * dx
                fy += mass * q * q * dy
            } else {
                for c in 0..<4 { stack.append(node.firstChild + c) }
            }
        }
        return (fx, fy, z)
    }
}
