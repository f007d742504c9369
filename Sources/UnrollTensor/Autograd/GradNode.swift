// A node of the autograd graph: PyTorch's grad_fn, holding its inputs and its local backward rule.

/// One recorded operation. `backward` maps the gradient of the output to gradients of `inputs`
/// (nil where an input needs none). Saved tensors live in the closure and are freed after backward
/// unless the graph is retained.
public final class GradNode {
    /// PyTorch's node name, e.g. `AddBackward0`.
    public let name: String
    /// The forward inputs, in the order `backward` returns their gradients.
    public let inputs: [Tensor?]
    var backward: ((Tensor) throws -> [Tensor?])?
    /// A non-leaf output that asked to keep its gradient (`retain_grad()`).
    weak var retainedOutput: Tensor?

    init(name: String, inputs: [Tensor?], backward: @escaping (Tensor) throws -> [Tensor?]) {
        self.name = name
        self.inputs = inputs
        self.backward = backward
    }

    /// `grad_fn.next_functions`: the nodes feeding this one (`AccumulateGrad` leaves appear as their tensor's name).
    public var nextNodeNames: [String?] {
        inputs.map { input -> String? in
            guard let input, input.requiresGrad else { return nil }
            return input.gradFn?.name ?? "AccumulateGrad"
        }
    }
}

extension Tensor {
    /// Attaches a grad_fn to `self` when grad mode is on and any of `inputs` requires grad.
    /// Call it on a freshly made result; `backward` receives the output gradient and returns one gradient per input.
    @discardableResult
    public func recordGrad(
        _ name: String, inputs: [Tensor], backward: @escaping (Tensor) throws -> [Tensor?]
    ) -> Tensor {
        if OpTrace.isActive {
            OpTrace.op(OpTrace.forwardName(ofNode: name), inputs: inputs.map(\.shape), output: shape)
        }
        guard GradMode.isEnabled, inputs.contains(where: { $0.requiresGrad }) else { return self }
        gradFn = GradNode(name: name, inputs: inputs.map { $0.requiresGrad ? $0 : nil }, backward: backward)
        return self
    }
}
