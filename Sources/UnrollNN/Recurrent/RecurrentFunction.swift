// Glue between tensors and the fused kernels: layouts (batch_first, unbatched), dropout masks and the single autograd node.
import UnrollTensor

/// The user-facing layout of a call: how to map the input to seq-first and back.
struct RecurrentLayout {
    let batchFirst: Bool
    let unbatched: Bool
    let steps: Int
    let batch: Int
}

enum RecurrentFunction {
    /// Runs a recurrent stack on user tensors and returns (output, h_n, c_n) in the user's layout.
    /// Records one node for the whole call (plus the thin output nodes PyTorch names).
    static func apply(_ cfg: RecurrentConfig, layout: RecurrentLayout, x userX: Tensor, h0 userH0: Tensor?,
                      c0 userC0: Tensor?, params: [Tensor], dropout: Double, training: Bool,
                      outputName: String) throws -> (Tensor, Tensor, Tensor?) {
        let (L, N, D, P, H) = (layout.steps, layout.batch, cfg.directions, cfg.outSize, cfg.hidden)
        let slots = cfg.layers * D
        let dense = try params.map { try denseFloat($0, role: "parameters") }
        let xs = try toSeqFirst(try denseFloat(userX, role: "input"), layout: layout, features: cfg.inputSize)
        let h0 = try userH0.map { try denseFloat($0, role: "hidden state") } ?? Tensor(zeros: [slots, N, P], dtype: .float32)
        let c0: Tensor? = cfg.kind == .lstm
            ? try userC0.map { try denseFloat($0, role: "cell state") } ?? Tensor(zeros: [slots, N, H], dtype: .float32)
            : nil
        var masks: [[Float]?] = Array(repeating: nil, count: cfg.layers)
        if training && dropout > 0 && cfg.layers > 1 {
            for layer in 0..<(cfg.layers - 1) {
                masks[layer] = try NNRandom.dropoutMask(count: L * N * D * P, p: dropout)
            }
        }
        let inputs = RecurrentInputs(x: xs, h0: h0, c0: c0, steps: L, batch: N)
        let fwd = RecurrentStack.forward(cfg, inputs, params: dense, dropoutMasks: masks)

        var out = try fromSeqFirst(fwd.out, steps: L, batch: N, features: D * P, layout: layout)
        var hn = try Tensor(fwd.hn, shape: layout.unbatched ? [slots, P] : [slots, N, P])
        var cn: Tensor? = cfg.kind == .lstm ? try Tensor(fwd.cn, shape: layout.unbatched ? [slots, H] : [slots, N, H]) : nil

        var graphInputs: [Tensor] = [userX]
        if let userH0 { graphInputs.append(userH0) }
        if let userC0 { graphInputs.append(userC0) }
        graphInputs += params
        guard GradMode.isEnabled, graphInputs.contains(where: { $0.requiresGrad }) else { return (out, hn, cn) }

        // The packed node and its routing nodes are plumbing: the kernel already described itself to :trace.
        OpTrace.beginMute()
        defer { OpTrace.endMute() }
        let outCount = L * N * D * P, hnCount = slots * N * P, cnCount = cfg.kind == .lstm ? slots * N * H : 0
        // Only an anchor for the gradients (its values are never read): one zero seen through a stride of 0.
        let packed = Tensor(storage: Storage(scalarOf: .float32), shape: [outCount + hnCount + cnCount], strides: [0])
        let hasH0 = userH0 != nil, hasC0 = userC0 != nil, inputNeedsGrad = userX.requiresGrad
        let tapes = fwd.tapes, layerInputs = fwd.layerInputs
        packed.recordGrad(cfg.kind == .lstm ? "MkldnnRnnLayerBackward0" : "StackBackward0", inputs: graphInputs) { g in
            let gp = try denseFloat(g, role: "gradient")
            let grads = try backward(cfg, inputs: inputs, params: dense, tapes: tapes, layerInputs: layerInputs,
                                     masks: masks, gradOut: gp.floatPointer, gradHn: gp.floatPointer + outCount,
                                     gradCn: cfg.kind == .lstm ? gp.floatPointer + outCount + hnCount : nil,
                                     inputNeedsGrad: inputNeedsGrad)
            var result: [Tensor?] = [inputNeedsGrad
                ? try fromSeqFirst(grads.dx, steps: L, batch: N, features: cfg.inputSize, layout: layout) : nil]
            let stateShape = layout.unbatched ? [slots, P] : [slots, N, P]
            if hasH0 { result.append(try Tensor(grads.dh0, shape: stateShape)) }
            if hasC0 { result.append(try Tensor(grads.dc0, shape: layout.unbatched ? [slots, H] : [slots, N, H])) }
            result += grads.dparams.map { Optional($0) }
            return result
        }
        // Thin nodes route each output's gradient into its slice of the packed gradient.
        func route(_ t: Tensor, _ name: String, at start: Int, toSeq: Bool) -> Tensor {
            t.recordGrad(name, inputs: [packed]) { g in
                let seq = toSeq ? try toSeqFirst(try denseFloat(g, role: "gradient"), layout: layout, features: D * P)
                                : try denseFloat(g, role: "gradient")
                return [try makeFloatTensor([outCount + hnCount + cnCount]) { p in
                    (p + start).update(from: seq.floatPointer, count: seq.numel)
                }]
            }
        }
        let stateName = layout.unbatched ? "SqueezeBackward1" : "StackBackward0"
        out = route(out, outputName, at: 0, toSeq: true)
        hn = route(hn, stateName, at: outCount, toSeq: false)
        if let c = cn { cn = route(c, stateName, at: outCount + hnCount, toSeq: false) }
        return (out, hn, cn)
    }

    /// Gradients of a whole stack given the output and final-state gradients (seq-first, flat). Without
    /// `inputNeedsGrad` the first layer skips its input-gradient product and `dx` stays zero.
    static func backward(_ cfg: RecurrentConfig, inputs: RecurrentInputs, params: [Tensor], tapes: [DirectionTape],
                         layerInputs: [[Float]], masks: [[Float]?], gradOut: UnsafePointer<Float>,
                         gradHn: UnsafePointer<Float>, gradCn: UnsafePointer<Float>?, inputNeedsGrad: Bool = true)
        throws -> (dx: [Float], dh0: [Float], dc0: [Float], dparams: [Tensor])
    {
        let (L, N, D, P, H) = (inputs.steps, inputs.batch, cfg.directions, cfg.outSize, cfg.hidden)
        // The kernels add into these, so they start at zero; they become the parameters' gradients as they are.
        let dparams = try params.map { try Tensor(zeros: $0.shape, dtype: .float32) }
        var dh0 = [Float](repeating: 0, count: cfg.layers * D * N * P)
        var dc0 = [Float](repeating: 0, count: cfg.kind == .lstm ? cfg.layers * D * N * H : 0)
        var dLayerOut = [Float](UnsafeBufferPointer(start: gradOut, count: L * N * D * P))
        var dInput: [Float] = []
        for layer in stride(from: cfg.layers - 1, through: 0, by: -1) {
            let inSize = cfg.layerInput(layer)
            dInput = [Float](repeating: 0, count: L * N * inSize)
            for d in 0..<D {
                let slot = layer * D + d
                let s = DirectionShape(kind: cfg.kind, steps: L, batch: N, inputSize: inSize, hidden: H,
                                       outSize: P, outStride: D * P, reverse: d == 1)
                let w = RecurrentStack.weights(cfg, params, layer: layer, direction: d)
                let ptrs = dparams[(slot * cfg.perDirection)...].prefix(cfg.perDirection).map(\.floatPointer)
                let g = DirectionGrads(wih: ptrs[0], whh: ptrs[1], bih: cfg.bias ? ptrs[2] : nil,
                                       bhh: cfg.bias ? ptrs[3] : nil,
                                       whr: cfg.projSize > 0 ? ptrs[cfg.bias ? 4 : 2] : nil)
                layerInputs[layer].withUnsafeBufferPointer { xb in
                dLayerOut.withUnsafeBufferPointer { db in
                dInput.withUnsafeMutableBufferPointer { dxb in
                dh0.withUnsafeMutableBufferPointer { dhb in
                dc0.withUnsafeMutableBufferPointer { dcb in
                    guard let xp = xb.baseAddress, let dp = db.baseAddress, let dxp = dxb.baseAddress,
                          let dhp = dhb.baseAddress else { return }
                    RecurrentDirection.backward(
                        s, x: xp, w: w, tape: tapes[slot], h0: inputs.h0.floatPointer + slot * N * P,
                        c0: inputs.c0.map { UnsafePointer($0.floatPointer + slot * N * H) },
                        dOut: dp + d * P, dhn: gradHn + slot * N * P, dcn: gradCn.map { $0 + slot * N * H },
                        dx: layer > 0 || inputNeedsGrad ? dxp : nil, grads: g, dh0: dhp + slot * N * P,
                        dc0: cfg.kind == .lstm ? dcb.baseAddress.map { $0 + slot * N * H } : nil)
                }}}}}
            }
            if layer > 0 {
                if let mask = masks[layer - 1] {
                    dLayerOut = zip(dInput, mask).map { $0 * $1 }
                } else {
                    dLayerOut = dInput
                }
            }
        }
        return (dInput, dh0, dc0, dparams)
    }

    /// (L, N, F) contiguous from the user's layout ((N, L, F) when batch_first, (L, F) unbatched).
    static func toSeqFirst(_ t: Tensor, layout: RecurrentLayout, features: Int) throws -> Tensor {
        if layout.unbatched || !layout.batchFirst { return t }
        let (L, N) = (layout.steps, layout.batch)
        return try makeFloatTensor([L, N, features], writesEveryElement: true) { dst in
            swapLeadingAxes(t.floatPointer, into: dst, N, L, features: features)
        }
    }

    /// The user's layout ((N, L, F) when batch_first, (L, F) unbatched) from seq-first (L, N, F) values.
    static func fromSeqFirst(_ values: [Float], steps L: Int, batch N: Int, features: Int,
                             layout: RecurrentLayout) throws -> Tensor {
        if layout.unbatched { return try Tensor(values, shape: [L, features]) }
        if !layout.batchFirst { return try Tensor(values, shape: [L, N, features]) }
        return try makeFloatTensor([N, L, features], writesEveryElement: true) { dst in
            values.withUnsafeBufferPointer { buffer in
                guard let src = buffer.baseAddress else { return }
                swapLeadingAxes(src, into: dst, L, N, features: features)
            }
        }
    }

    /// dst (b, a, features) from src (a, b, features), both contiguous. Rows of a few features (the electricity
    /// lesson has one) are copied element by element: a copy call per row cost more than the copy.
    private static func swapLeadingAxes(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>,
                                        _ a: Int, _ b: Int, features: Int) {
        for i in 0..<a {
            for j in 0..<b {
                let from = src + (i * b + j) * features, to = dst + (j * a + i) * features
                if features < 16 {
                    for f in 0..<features { to[f] = from[f] }
                } else {
                    to.update(from: from, count: features)
                }
            }
        }
    }
}
