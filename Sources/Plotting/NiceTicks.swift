import Foundation

/// "Nice" axis ticks: steps of 1, 2 or 5 × 10ⁿ (Heckbert, Graphics Gems, 1990).
public enum NiceTicks {
    /// Tick positions inside `lower…upper`.
    /// - Parameters:
    ///   - lower: Axis minimum.
    ///   - upper: Axis maximum (> lower).
    ///   - target: Roughly how many ticks are wanted.
    /// - Returns: Ascending tick values, all within the range.
    public static func ticks(lower: Double, upper: Double, target: Int = 5) -> [Double] {
        guard upper > lower, lower.isFinite, upper.isFinite else { return [lower] }
        let step = self.step(for: upper - lower, target: target)
        let first = (lower / step).rounded(.up)
        let last = (upper / step).rounded(.down)
        guard last >= first else { return [] }
        return stride(from: first, through: last, by: 1).map { ($0 * step).roundedToStep(step) }
    }

    /// The nice step for a range.
    /// - Parameters:
    ///   - range: Width of the axis.
    ///   - target: Desired tick count.
    /// - Returns: 1, 2 or 5 times a power of ten.
    public static func step(for range: Double, target: Int) -> Double {
        let raw = range / Double(max(target, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10
        return nice * magnitude
    }

    /// Labels for ticks with just enough decimals for the step.
    /// - Parameter ticks: Values from ``ticks(lower:upper:target:)``.
    /// - Returns: One label per tick, e.g. `-0.5`, `0`, `0.5`.
    public static func labels(_ ticks: [Double]) -> [String] {
        guard ticks.count >= 2 else { return ticks.map { format($0, decimals: 2) } }
        let step = abs(ticks[1] - ticks[0])
        let decimals = max(0, -Int(floor(log10(step) + 1e-9)))
        return ticks.map { format($0, decimals: decimals) }
    }

    static func format(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}

extension Double {
    fileprivate func roundedToStep(_ step: Double) -> Double {
        let decimals = max(0, -Int(floor(log10(step))) + 1)
        let factor = pow(10, Double(decimals))
        return (self * factor).rounded() / factor
    }
}
