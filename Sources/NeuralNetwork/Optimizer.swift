/// An optimiser that updates parameters from the gradients stored beside them.
public protocol Optimizer: AnyObject {
    /// Step size.
    var learningRate: Float { get set }
    /// Applies one update.
    func update()
    /// Everything the optimiser carries from step to step, for a checkpoint.
    var state: OptimizerState { get }
    /// Continues from a saved state of an optimiser over the same parameters.
    /// - Throws: ``OptimizerState/Mismatch`` when the state does not fit these parameters.
    func restore(_ state: OptimizerState) throws
}

/// An optimiser's state between steps: its step count and its per-parameter buffers (Adam's first and
/// second moments, SGD's velocities), in parameter order.
public struct OptimizerState: Sendable, Equatable {
    /// Steps taken.
    public var step: Int
    /// The buffers' contents.
    public var buffers: [[Float]]

    /// Creates a state from its parts.
    public init(step: Int, buffers: [[Float]]) {
        self.step = step
        self.buffers = buffers
    }

    /// A saved state that does not fit the optimiser's parameters.
    public struct Mismatch: Error, CustomStringConvertible {
        public let description: String
    }

    /// Copies the saved buffers into `targets`, checking their number and sizes first.
    func load(into targets: [FloatBuffer]) throws {
        guard buffers.count == targets.count, zip(buffers, targets).allSatisfy({ $0.count == $1.count }) else {
            throw Mismatch(
                description: "the optimiser state holds \(buffers.map(\.count)) values per buffer, the network needs \(targets.map(\.count))")
        }
        for (buffer, target) in zip(buffers, targets) { target.load(buffer) }
    }
}

extension Adam: Optimizer {}
