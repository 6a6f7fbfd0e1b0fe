extension Sequence where Element == Int {
    /// The product of the elements, or nil when it overflows `Int`.
    ///
    /// For sizes read from files and flags, which can be anything: a header declaring 0 × 2³⁰ × 2³⁰
    /// holds no values (its total is 0), yet the width of one row would overflow.
    public var checkedProduct: Int? {
        var product = 1
        for value in self {
            let (next, overflow) = product.multipliedReportingOverflow(by: value)
            if overflow { return nil }
            product = next
        }
        return product
    }
}
