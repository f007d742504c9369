// torch.optim.Adam: PyTorch's single-tensor update with bias correction, weight decay, amsgrad and maximize.
import CKernels
import Foundation
import UnrollTensor

/// Adam's state for one parameter, as `optimizer.state[p]` holds it.
public final class AdamState {
    /// `state['step']` (a float tensor in PyTorch; a count here).
    public var step: Double = 0
    public let expAvg: Tensor
    public let expAvgSq: Tensor
    public let maxExpAvgSq: Tensor?

    init(like p: Tensor, amsgrad: Bool) throws {
        expAvg = try Tensor(zeros: p.shape, dtype: p.dtype)
        expAvgSq = try Tensor(zeros: p.shape, dtype: p.dtype)
        maxExpAvgSq = amsgrad ? try Tensor(zeros: p.shape, dtype: p.dtype) : nil
    }
}

/// `optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, maximize=False)`.
/// Follows `_single_tensor_adam` op by op: `exp_avg.lerp_`, `exp_avg_sq.mul_().addcmul_()`, Python-float bias
/// corrections, `denom = sqrt(v) / sqrt(bc2) + eps` and `param.addcdiv_(exp_avg, denom, value=-lr/bc1)`.
public final class Adam: Optimizer {
    public private(set) var state: [ObjectIdentifier: AdamState] = [:]

    public static func defaults(lr: HyperValue = .float(1e-3), betas: (HyperValue, HyperValue) = (.float(0.9), .float(0.999)),
                                eps: HyperValue = .float(1e-8), weightDecay: HyperValue = .int(0), amsgrad: Bool = false,
                                maximize: Bool = false) -> [(String, HyperValue)] {
        [("lr", lr), ("betas", .tuple([betas.0, betas.1])), ("eps", eps), ("weight_decay", weightDecay), ("amsgrad", .bool(amsgrad)),
         ("maximize", .bool(maximize)), ("foreach", .none), ("capturable", .bool(false)), ("differentiable", .bool(false)),
         ("fused", .none), ("decoupled_weight_decay", .bool(false))]
    }

    /// Builds the optimizer from hyperparameters as Python values, with PyTorch's validation messages.
    public init(_ groups: [ParamGroupSpec], lr: HyperValue = .float(1e-3), betas: (HyperValue, HyperValue) = (.float(0.9), .float(0.999)),
                eps: HyperValue = .float(1e-8), weightDecay: HyperValue = .int(0), amsgrad: Bool = false, maximize: Bool = false) throws {
        if let v = lr.double, v < 0 { throw TensorError.value("Invalid learning rate: \(lr.repr)") }
        if let v = eps.double, v < 0 { throw TensorError.value("Invalid epsilon value: \(eps.repr)") }
        if let v = betas.0.double, !(v >= 0 && v < 1) { throw TensorError.value("Invalid beta parameter at index 0: \(betas.0.repr)") }
        if let v = betas.1.double, !(v >= 0 && v < 1) { throw TensorError.value("Invalid beta parameter at index 1: \(betas.1.repr)") }
        if let v = weightDecay.double, v < 0 { throw TensorError.value("Invalid weight_decay value: \(weightDecay.repr)") }
        try super.init(groups, defaults: Adam.defaults(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                                                       amsgrad: amsgrad, maximize: maximize))
    }

    /// Convenience for Swift callers: one group of `params` with plain numbers.
    public convenience init(_ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
                            weightDecay: Double = 0, amsgrad: Bool = false) throws {
        try self.init([ParamGroupSpec(params: params)], lr: .float(lr), betas: (.float(betas.0), .float(betas.1)), eps: .float(eps),
                      weightDecay: .float(weightDecay), amsgrad: amsgrad)
    }

    struct Settings {
        let lr, beta1, beta2, eps, weightDecay: Double
        let amsgrad, maximize: Bool
    }

    public override func step() throws {
        for group in paramGroups {
            let betas: [HyperValue]
            switch group["betas"] {
            case .tuple(let items)?, .list(let items)?: betas = items
            default: betas = []
            }
            guard betas.count == 2, let beta1 = betas[0].double, let beta2 = betas[1].double else {
                throw TensorError.type("parameter group entry 'betas' must be a pair of numbers")
            }
            let settings = Settings(lr: try group.number("lr"), beta1: beta1, beta2: beta2, eps: try group.number("eps"),
                                    weightDecay: try group.number("weight_decay"), amsgrad: group.flag("amsgrad"),
                                    maximize: group.flag("maximize"))
            for p in group.params {
                guard let grad = try denseGradient(of: p) else { continue }
                let s: AdamState
                if let existing = state[ObjectIdentifier(p)], existing.maxExpAvgSq != nil || !settings.amsgrad {
                    s = existing
                } else {
                    s = try AdamState(like: p, amsgrad: settings.amsgrad)
                    state[ObjectIdentifier(p)] = s
                }
                s.step += 1
                switch p.dtype {
                case .float32: Adam.update(p, grad, s, settings, as: Float.self)
                case .float64: Adam.update(p, grad, s, settings, as: Double.self)
                default: throw TensorError.runtime("Adam: parameters must be floating point, got \(p.dtype.scalarTypeName)")
                }
            }
        }
    }

    @inline(__always)
    static func update<T: BinaryFloatingPoint & TensorScalar>(_ p: Tensor, _ grad: Tensor, _ s: AdamState, _ c: Settings, as _: T.Type) {
        let param = p.storage.pointer(T.self), elements = ParameterElements(p)
        let g = grad.storage.pointer(T.self) + grad.offset
        let m = s.expAvg.storage.pointer(T.self), v = s.expAvgSq.storage.pointer(T.self)
        let vMax = s.maxExpAvgSq.map { $0.storage.pointer(T.self) }
        // Python floats, as adam.py computes them.
        let biasCorrection1 = 1 - Foundation.pow(c.beta1, s.step)
        let biasCorrection2 = 1 - Foundation.pow(c.beta2, s.step)
        let stepSize = c.lr / biasCorrection1
        let biasCorrection2Sqrt = Foundation.pow(biasCorrection2, 0.5)
        let weightDecay = T(c.weightDecay), lerpWeight = T(1 - c.beta1), beta2 = T(c.beta2), oneMinusBeta2 = T(1 - c.beta2)
        let sqrtBC2 = T(biasCorrection2Sqrt), eps = T(c.eps), negStep = T(-stepSize)
        if elements.positions == nil, vMax == nil, !c.maximize, c.weightDecay == 0 {
            // The common case (a contiguous parameter, plain Adam): each element read once into locals so the loop
            // vectorises, in fixed blocks that threads share for large parameters. The expressions are the general
            // loop's, in the same order, so the results are identical.
            let w = param + elements.offset
            let lerpForward = Swift.abs(lerpWeight) < 0.5, count = elements.count
            let block = 1 << 15
            ParallelParts.forEachBlock((count + block - 1) / block, parallel: count >= 2 * block) { b in
                let start = b * block, end = Swift.min(count, (b + 1) * block)
                if T.self == Float.self {
                    // The C kernel does the same operations 8 lanes at a time (Swift's squareRoot() is a call that
                    // keeps this loop scalar).
                    func float(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<Float> {
                        UnsafeMutableRawPointer(p + start).assumingMemoryBound(to: Float.self)
                    }
                    unroll_adam_update(float(w), float(g), float(m), float(v), end - start,
                                       Float(lerpWeight), lerpForward, Float(beta2), Float(oneMinusBeta2),
                                       Float(sqrtBC2), Float(eps), Float(negStep))
                    return
                }
                for i in start..<end {
                    let d = g[i], mOld = m[i]
                    let mNew = lerpForward ? mOld + lerpWeight * (d - mOld) : d - (d - mOld) * (1 - lerpWeight)
                    let vNew = v[i] * beta2 + oneMinusBeta2 * d * d
                    m[i] = mNew
                    v[i] = vNew
                    let denom = vNew.squareRoot() / sqrtBC2 + eps
                    w[i] = w[i] + negStep * mNew / denom
                }
            }
            return
        }
        for i in 0..<elements.count {
            let at = elements.position(i)
            var d = c.maximize ? -g[i] : g[i]
            if c.weightDecay != 0 { d = d + weightDecay * param[at] }
            // lerp_(grad, w): ATen's two-sided formula keeps the result exact at both ends.
            m[i] = Swift.abs(lerpWeight) < 0.5 ? m[i] + lerpWeight * (d - m[i]) : d - (d - m[i]) * (1 - lerpWeight)
            v[i] = v[i] * beta2
            v[i] = v[i] + oneMinusBeta2 * d * d
            var second = v[i]
            if let vMax {
                vMax[i] = Swift.max(vMax[i], v[i])
                second = vMax[i]
            }
            let denom = second.squareRoot() / sqrtBC2 + eps
            param[at] = param[at] + negStep * m[i] / denom
        }
    }
}
