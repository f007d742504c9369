// The seam between bindings of other namespaces (nn, optim, data) and the tensor binding's TensorObject.
import UnrollTensor

/// Wraps and unwraps tensors for bindings that are not the tensor binding itself.
public enum TensorBridge {
    /// A tensor as a language value; parameters keep their flag so they print as `Parameter containing:`.
    public static func wrap(_ tensor: Tensor, parameter: Bool = false) -> Value {
        if parameter { tensor.isParameter = true }
        return .object(TensorObject(tensor))
    }

    /// The tensor inside a host object, if it is one.
    public static func tensor(_ object: any HostObject) -> Tensor? { (object as? TensorObject)?.tensor }

    /// Whether assigning this object to a module attribute registers a parameter (`nn.Parameter(...)`).
    public static func isParameter(_ object: any HostObject) -> Bool { tensor(object)?.isParameter ?? false }

    /// The tensor a value holds, if any.
    public static func tensorValue(_ value: Value) -> Tensor? {
        if case .object(let object) = value { return tensor(object) }
        return nil
    }
}
