import Foundation

/// Categorical colours for classes and clusters.
///
/// Ten colour-blind-safe colours: Okabe & Ito's palette (2008) with its black replaced by a dark
/// blue-grey, then wine and teal from Paul Tol's colour-blind-safe "muted" scheme — enough for MNIST's
/// ten digits. Classes beyond ten take evenly spaced hues by the golden angle at fixed saturation and
/// lightness: distinct, but not guaranteed colour-blind safe.
public enum Palette {
    /// The colour-blind-safe base colours, in order of assignment.
    public static let base: [Color] = [
        Color(hex: 0x0072B2),  // blue
        Color(hex: 0xE69F00),  // orange
        Color(hex: 0x009E73),  // bluish green
        Color(hex: 0xCC79A7),  // reddish purple
        Color(hex: 0x56B4E9),  // sky blue
        Color(hex: 0xD55E00),  // vermillion
        Color(hex: 0xF0E442),  // yellow
        Color(hex: 0x555B6E),  // blue-grey (Okabe–Ito black, softened)
        Color(hex: 0x882255),  // wine (Tol muted)
        Color(hex: 0x44AA99)  // teal (Tol muted)
    ]

    /// The colour of category `index` (0-based).
    /// - Parameter index: Category index.
    /// - Returns: A base colour, or a generated hue beyond the base palette.
    public static func color(_ index: Int) -> Color {
        if index < base.count { return base[max(index, 0)] }
        let hue = (Double(index - base.count) * 137.508).truncatingRemainder(dividingBy: 360) / 360
        return hsl(hue: hue, saturation: 0.65, lightness: 0.45)
    }

    static func hsl(hue: Double, saturation: Double, lightness: Double) -> Color {
        let c = (1 - abs(2 * lightness - 1)) * saturation
        let h = hue * 6
        let x = c * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double)
        switch Int(h) {
        case 0: (r, g, b) = (c, x, 0)
        case 1: (r, g, b) = (x, c, 0)
        case 2: (r, g, b) = (0, c, x)
        case 3: (r, g, b) = (0, x, c)
        case 4: (r, g, b) = (x, 0, c)
        default: (r, g, b) = (c, 0, x)
        }
        let m = lightness - c / 2
        return Color(red: r + m, green: g + m, blue: b + m)
    }
}
