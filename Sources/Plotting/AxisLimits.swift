/// A 2-D data window `[xMin, xMax] × [yMin, yMax]`.
public struct AxisLimits: Equatable, Codable, Sendable {
    public var xMin: Double
    public var xMax: Double
    public var yMin: Double
    public var yMax: Double

    /// Creates limits.
    public init(xMin: Double, xMax: Double, yMin: Double, yMax: Double) {
        self.xMin = xMin
        self.xMax = xMax
        self.yMin = yMin
        self.yMax = yMax
    }

    /// Limits covering every frame of a run, robust to outliers: per frame the `trim` and `1 − trim`
    /// quantiles of each coordinate, the union over frames, then `padding` (a fraction of the width)
    /// on every side.
    /// - Parameters:
    ///   - frames: Each frame's point coordinates, as the projection gives them (float32, never widened per point).
    ///   - trim: Fraction of extreme points ignored at each end (0.002).
    ///   - padding: Margin as a fraction of the span (0.05).
    /// - Returns: The union limits, never of zero width.
    public static func union(of frames: [(xs: [Float], ys: [Float])], trim: Double = 0.002, padding: Double = 0.05) -> AxisLimits {
        var limits: AxisLimits?
        for points in frames where !points.xs.isEmpty {
            func quantile(_ values: [Float], _ q: Double) -> Double {
                Double(values.orderStatistic(min(values.count - 1, max(0, Int((q * Double(values.count - 1)).rounded())))))
            }
            let frame = AxisLimits(
                xMin: quantile(points.xs, trim), xMax: quantile(points.xs, 1 - trim),
                yMin: quantile(points.ys, trim), yMax: quantile(points.ys, 1 - trim))
            limits =
                limits.map {
                    AxisLimits(
                        xMin: min($0.xMin, frame.xMin), xMax: max($0.xMax, frame.xMax),
                        yMin: min($0.yMin, frame.yMin), yMax: max($0.yMax, frame.yMax))
                } ?? frame
        }
        var result = limits ?? AxisLimits(xMin: 0, xMax: 1, yMin: 0, yMax: 1)
        func widen(_ low: inout Double, _ high: inout Double) {
            var span = high - low
            if span <= 0 { span = max(abs(low), 1) * 0.1 }
            let center = (low + high) / 2
            low = center - span * (0.5 + padding)
            high = center + span * (0.5 + padding)
        }
        widen(&result.xMin, &result.xMax)
        widen(&result.yMin, &result.yMax)
        return result
    }

    /// The same window widened along one axis so that one data unit has the same length on both
    /// axes of a `panelWidth × panelHeight` panel (circles stay circles).
    public func equalAspect(panelWidth: Double, panelHeight: Double) -> AxisLimits {
        let xSpan = xMax - xMin, ySpan = yMax - yMin
        guard panelWidth > 0, panelHeight > 0, xSpan > 0, ySpan > 0 else { return self }
        let unitsPerDevice = max(xSpan / panelWidth, ySpan / panelHeight)
        let newX = unitsPerDevice * panelWidth, newY = unitsPerDevice * panelHeight
        let cx = (xMin + xMax) / 2, cy = (yMin + yMax) / 2
        return AxisLimits(xMin: cx - newX / 2, xMax: cx + newX / 2, yMin: cy - newY / 2, yMax: cy + newY / 2)
    }
}
