/// Forwards every event to several observers in order (e.g. a recorder, then a progress printer).
public final class ObserverGroup: TrainingObserver {
    private let observers: [TrainingObserver]

    /// Creates a group.
    /// - Parameter observers: Receivers, called in this order.
    public init(_ observers: [TrainingObserver]) {
        self.observers = observers
    }

    public func handle(_ event: TrainingEvent) throws {
        for observer in observers { try observer.handle(event) }
    }
}
