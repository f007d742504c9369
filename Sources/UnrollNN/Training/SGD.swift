// torch.optim.SGD: PyTorch's single-tensor update (weight decay, momentum with dampening, Nesterov, maximize).
import Foundation
import UnrollTensor

/// `optim.SGD(params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, maximize=False)`.
/// Each element follows `_single_tensor_sgd` op by op in the parameter's dtype, so results match PyTorch's.
public final class SGD: Optimizer {
    /// `state[p]['momentum_buffer']`, created on a parameter's first step with momentum.
    public private(set) var momentumBuffers: [ObjectIdentifier: Tensor] = [:]

    public static func defaults(lr: HyperValue = .float(1e-3), momentum: HyperValue = .int(0), dampening: HyperValue = .int(0),
                                weightDecay: HyperValue = .int(0), nesterov: Bool = false, maximize: Bool = false) -> [(String, HyperValue)] {
        [("lr", lr), ("momentum", momentum), ("dampening", dampening), ("weight_decay", weightDecay), ("nesterov", .bool(nesterov)),
         ("maximize", .bool(maximize)), ("foreach", .none), ("differentiable", .bool(false)), ("fused", .none)]
    }

    /// Builds the optimizer from hyperparameters as Python values, with PyTorch's validation messages.
    public init(_ groups: [ParamGroupSpec], lr: HyperValue = .float(1e-3), momentum: HyperValue = .int(0),
                dampening: HyperValue = .int(0), weightDecay: HyperValue = .int(0), nesterov: Bool = false,
                maximize: Bool = false) throws {
        if let v = lr.double, v < 0 { throw TensorError.value("Invalid learning rate: \(lr.repr)") }
        if let v = momentum.double, v < 0 { throw TensorError.value("Invalid momentum value: \(momentum.repr)") }
        if let v = weightDecay.double, v < 0 { throw TensorError.value("Invalid weight_decay value: \(weightDecay.repr)") }
        if nesterov && ((momentum.double ?? 0) <= 0 || (dampening.double ?? 0) != 0) {
            throw TensorError.value("Nesterov momentum requires a momentum and zero dampening")
        }
        try super.init(groups, defaults: SGD.defaults(lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay,
                                                      nesterov: nesterov, maximize: maximize))
    }

    /// Convenience for Swift callers: one group of `params` with plain numbers.
    public convenience init(_ params: [Tensor], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
                            weightDecay: Double = 0, nesterov: Bool = false) throws {
        try self.init([ParamGroupSpec(params: params)], lr: .float(lr), momentum: .float(momentum), dampening: .float(dampening),
                      weightDecay: .float(weightDecay), nesterov: nesterov)
    }

    public override func step() throws {
        for group in paramGroups {
            let lr = try group.number("lr"), momentum = try group.number("momentum")
            let dampening = try group.number("dampening"), weightDecay = try group.number("weight_decay")
            let nesterov = group.flag("nesterov"), maximize = group.flag("maximize")
            for p in group.params {
                guard let grad = try denseGradient(of: p) else { continue }
                var buffer = momentum != 0 ? momentumBuffers[ObjectIdentifier(p)] : nil
                let fresh = buffer == nil && momentum != 0
                if fresh {
                    buffer = try Tensor(zeros: p.shape, dtype: p.dtype)
                    momentumBuffers[ObjectIdentifier(p)] = buffer
                }
                let settings = Settings(lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay,
                                        nesterov: nesterov, maximize: maximize, freshBuffer: fresh)
                switch p.dtype {
                case .float32: SGD.update(p, grad, buffer, settings, as: Float.self)
                case .float64: SGD.update(p, grad, buffer, settings, as: Double.self)
                default: throw TensorError.runtime("SGD: parameters must be floating point, got \(p.dtype.scalarTypeName)")
                }
            }
        }
    }

    struct Settings {
        let lr, momentum, dampening, weightDecay: Double
        let nesterov, maximize, freshBuffer: Bool
    }

    @inline(__always)
    static func update<T: BinaryFloatingPoint & TensorScalar>(_ p: Tensor, _ grad: Tensor, _ buffer: Tensor?, _ s: Settings, as _: T.Type) {
        let param = p.storage.pointer(T.self), elements = ParameterElements(p)
        let g = grad.storage.pointer(T.self) + grad.offset
        let buf = buffer.map { $0.storage.pointer(T.self) + $0.offset }
        let weightDecay = T(s.weightDecay), momentum = T(s.momentum), keep = T(1 - s.dampening), negLR = T(-s.lr)
        for i in 0..<elements.count {
            let at = elements.position(i)
            var d = s.maximize ? -g[i] : g[i]
            if s.weightDecay != 0 { d = d + weightDecay * param[at] }
            if let buf {
                buf[i] = s.freshBuffer ? d : buf[i] * momentum + keep * d
                d = s.nesterov ? d + momentum * buf[i] : buf[i]
            }
            param[at] = param[at] + negLR * d
        }
    }
}
