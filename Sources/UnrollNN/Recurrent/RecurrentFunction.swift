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

        let outSeq = try Tensor(fwd.out, shape: [L, N, D * P])
        var out = try fromSeqFirst(outSeq, layout: layout)
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
        let packed = try Tensor(zeros: [outCount + hnCount + cnCount], dtype: .float32)
        let hasH0 = userH0 != nil, hasC0 = userC0 != nil, inputNeedsGrad = userX.requiresGrad
        let tapes = fwd.tapes, layerInputs = fwd.layerInputs
        packed.recordGrad(cfg.kind == .lstm ? "MkldnnRnnLayerBackward0" : "StackBackward0", inputs: graphInputs) { g in
            let gp = try denseFloat(g, role: "gradient")
            let grads = try backward(cfg, inputs: inputs, params: dense, tapes: tapes, layerInputs: layerInputs,
                                     masks: masks, gradOut: gp.floatPointer, gradHn: gp.floatPointer + outCount,
                                     gradCn: cfg.kind == .lstm ? gp.floatPointer + outCount + hnCount : nil,
                                     inputNeedsGrad: inputNeedsGrad)
            var result: [Tensor?] = [inputNeedsGrad
                ? try fromSeqFirst(try Tensor(grads.dx, shape: [L, N, cfg.inputSize]), layout: layout) : nil]
            let stateShape = layout.unbatched ? [slots, P] : [slots, N, P]
            if hasH0 { result.append(try Tensor(grads.dh0, shape: stateShape)) }
            if hasC0 { result.append(try Tensor(grads.dc0, shape: layout.unbatched ? [slots, H] : [slots, N, H])) }
            for (i, p) in dense.enumerated() { result.append(try Tensor(grads.dparams[i], shape: p.shape)) }
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
        throws -> (dx: [Float], dh0: [Float], dc0: [Float], dparams: [[Float]])
    {
        let (L, N, D, P, H) = (inputs.steps, inputs.batch, cfg.directions, cfg.outSize, cfg.hidden)
        var dparams = params.map { [Float](repeating: 0, count: $0.numel) }
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
                let base = slot * cfg.perDirection
                try withGradPointers(&dparams, base: base, count: cfg.perDirection) { ptrs in
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

    /// Gives `body` mutable pointers into `count` consecutive gradient arrays starting at `base`.
    private static func withGradPointers(_ arrays: inout [[Float]], base: Int, count: Int,
                                         _ body: ([UnsafeMutablePointer<Float>]) throws -> Void) throws {
        var pointers: [UnsafeMutablePointer<Float>] = []
        var storages: [UnsafeMutablePointer<Float>] = []
        for i in 0..<count {
            let n = arrays[base + i].count
            let p = UnsafeMutablePointer<Float>.allocate(capacity: max(n, 1))
            p.initialize(repeating: 0, count: max(n, 1))
            storages.append(p)
            pointers.append(p)
        }
        defer { for p in storages { p.deallocate() } }
        try body(pointers)
        for i in 0..<count {
            let p = pointers[i]
            arrays[base + i] = [Float](UnsafeBufferPointer(start: p, count: arrays[base + i].count))
        }
    }

    /// (L, N, F) contiguous from the user's layout ((N, L, F) when batch_first, (L, F) unbatched).
    static func toSeqFirst(_ t: Tensor, layout: RecurrentLayout, features: Int) throws -> Tensor {
        if layout.unbatched || !layout.batchFirst { return t }
        let (L, N) = (layout.steps, layout.batch)
        return try makeFloatTensor([L, N, features]) { dst in
            let src = t.floatPointer
            for n in 0..<N { for l in 0..<L { (dst + (l * N + n) * features).update(from: src + (n * L + l) * features, count: features) } }
        }
    }

    /// The user's layout from seq-first (L, N, F) contiguous.
    static func fromSeqFirst(_ t: Tensor, layout: RecurrentLayout) throws -> Tensor {
        let (L, N) = (layout.steps, layout.batch)
        let features = t.shape.last ?? 0
        if layout.unbatched { return Tensor(storage: t.storage, shape: [L, features], strides: [features, 1]) }
        if !layout.batchFirst { return t }
        return try makeFloatTensor([N, L, features]) { dst in
            let src = t.floatPointer
            for n in 0..<N { for l in 0..<L { (dst + (n * L + l) * features).update(from: src + (l * N + n) * features, count: features) } }
        }
    }
}
