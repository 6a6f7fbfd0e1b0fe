/// An optimiser that updates parameters from the gradients stored beside them.
public protocol Optimizer: AnyObject {
    /// Step size.
    var learningRate: Float { get set }
    /// Applies one update.
    func update()
}

extension Adam: Optimizer {}
