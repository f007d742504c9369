// The reverse-mode engine: `backward()` walks the graph in topological order and accumulates into `.grad`.

extension Tensor {
    /// `tensor.backward(gradient=None, retain_graph=False)`.
    public func backward(gradient: Tensor? = nil, retainGraph: Bool = false) throws {
        guard requiresGrad else {
            throw TensorError.runtime("element 0 of tensors does not require grad and does not have a grad_fn")
        }
        let seed: Tensor
        if let gradient {
            guard gradient.shape == shape else {
                throw TensorError.runtime(
                    "Mismatch in shape: grad_output[0] has a shape of torch.Size(\(Shape.describe(gradient.shape))) and output[0] has a shape of torch.Size(\(Shape.describe(shape))).")
            }
            seed = try gradient.detach().to(dtype)
        } else {
            guard numel == 1 else {
                throw TensorError.runtime("grad can be implicitly created only for scalar outputs")
            }
            seed = try Tensor.full(shape, .double(1), dtype: dtype)
        }
        try GradMode.withDisabled {
            try Autograd.run(root: self, seed: seed, retainGraph: retainGraph)
        }
    }
}

enum Autograd {
    static func run(root: Tensor, seed: Tensor, retainGraph: Bool) throws {
        guard let rootNode = root.gradFn else {
            try accumulate(into: root, seed)
            return
        }
        // Depth-first post-order gives a topological order; walk it backwards.
        var order: [GradNode] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(GradNode, Int)] = [(rootNode, 0)]
        visited.insert(ObjectIdentifier(rootNode))
        while let (node, next) = stack.popLast() {
            if next < node.inputs.count {
                stack.append((node, next + 1))
                if let child = node.inputs[next]?.gradFn, !visited.contains(ObjectIdentifier(child)) {
                    visited.insert(ObjectIdentifier(child))
                    stack.append((child, 0))
                }
            } else {
                order.append(node)
            }
        }
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(rootNode): seed]
        for node in order.reversed() {
            guard let gradOut = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            guard let rule = node.backward else {
                throw TensorError.runtime(
                    "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.")
            }
            if let kept = node.retainedOutput {
                kept.grad = try add(kept.grad, gradOut)
            }
            let grads = try rule(gradOut)
            if !retainGraph { node.backward = nil }
            for (input, grad) in zip(node.inputs, grads) {
                guard let input, let grad else { continue }
                let fitted = try fit(grad, to: input)
                if let child = input.gradFn {
                    let key = ObjectIdentifier(child)
                    pending[key] = try add(pending[key], fitted)
                } else {
                    try accumulate(into: input, fitted)
                }
            }
        }
    }

    /// A gradient arrives with the input's shape and dtype; broadcasting ops reduce before returning, this checks.
    private static func fit(_ grad: Tensor, to input: Tensor) throws -> Tensor {
        var g = grad
        if g.shape != input.shape { g = try g.sumTo(input.shape) }
        if g.dtype != input.dtype { g = try g.to(input.dtype) }
        return g
    }

    private static func add(_ existing: Tensor?, _ grad: Tensor) throws -> Tensor {
        guard let existing else { return grad }
        return try existing.add(grad)
    }

    private static func accumulate(into leaf: Tensor, _ grad: Tensor) throws {
        guard leaf.leafRequiresGrad else { return }
        if let existing = leaf.grad {
            leaf.grad = try existing.add(grad)
        } else {
            // A fresh gradient must not alias a tensor the graph or user still holds.
            leaf.grad = try grad.clone().detach()
        }
    }
}
