// The multi-layer, bidirectional driver: runs every layer and direction and records ONE autograd node per call.
import UnrollTensor

/// The static shape of a recurrent stack.
public struct RecurrentConfig: Sendable, Equatable {
    public var kind: RecurrentKind
    public var inputSize: Int
    public var hidden: Int
    public var projSize: Int
    public var layers: Int
    public var directions: Int
    public var bias: Bool

    var outSize: Int { projSize > 0 ? projSize : hidden }
    var perDirection: Int { 2 + (bias ? 2 : 0) + (projSize > 0 ? 1 : 0) }
    func layerInput(_ layer: Int) -> Int { layer == 0 ? inputSize : directions * outSize }
}

/// Input and state in seq-first (L, N, ·) layout, already validated.
struct RecurrentInputs {
    let x: Tensor          // (L, N, F) contiguous float32, detached
    let h0: Tensor         // (layers*D, N, outSize)
    let c0: Tensor?        // (layers*D, N, H) for LSTM
    let steps: Int
    let batch: Int
}

enum RecurrentStack {
    /// Runs the stack; returns seq-first output (L*N*D*P), h_n and c_n as flat buffers plus the tape for backward.
    static func forward(_ cfg: RecurrentConfig, _ inp: RecurrentInputs, params: [Tensor], dropoutMasks: [[Float]?])
        -> (out: [Float], hn: [Float], cn: [Float], tapes: [DirectionTape], layerInputs: [[Float]])
    {
        let (L, N, D, P, H) = (inp.steps, inp.batch, cfg.directions, cfg.outSize, cfg.hidden)
        var layerInput = [Float](UnsafeBufferPointer(start: inp.x.floatPointer, count: L * N * cfg.inputSize))
        var hn = [Float](repeating: 0, count: cfg.layers * D * N * P)
        var cn = [Float](repeating: 0, count: cfg.kind == .lstm ? cfg.layers * D * N * H : 0)
        var tapes: [DirectionTape] = []
        var inputs: [[Float]] = []
        var out: [Float] = []
        for layer in 0..<cfg.layers {
            out = uninitializedFloats(L * N * D * P)  // each direction writes its column block of every row
            for d in 0..<D {
                let s = DirectionShape(kind: cfg.kind, steps: L, batch: N, inputSize: cfg.layerInput(layer), hidden: H,
                                       outSize: P, outStride: D * P, reverse: d == 1)
                let tape = DirectionTape(s)
                let w = weights(cfg, params, layer: layer, direction: d)
                let slot = layer * D + d
                RecurrentTrace.direction(cfg, layer: layer, direction: d, steps: L, batch: N)
                layerInput.withUnsafeBufferPointer { xb in
                out.withUnsafeMutableBufferPointer { ob in
                hn.withUnsafeMutableBufferPointer { hb in
                cn.withUnsafeMutableBufferPointer { cb in
                    guard let xp = xb.baseAddress, let op = ob.baseAddress,
                          let hp = hb.baseAddress else { return }
                    RecurrentDirection.forward(
                        s, x: xp, w: w, h0: inp.h0.floatPointer + slot * N * P,
                        c0: inp.c0.map { UnsafePointer($0.floatPointer + slot * N * H) },
                        out: op + d * P, hn: hp + slot * N * P,
                        cn: cfg.kind == .lstm ? cb.baseAddress.map { $0 + slot * N * H } : nil, tape: tape)
                }}}}
                tapes.append(tape)
                RecurrentTrace.endDirection()
            }
            RecurrentTrace.layerOutput(cfg, layer: layer, steps: L, batch: N)
            inputs.append(layerInput)
            if layer + 1 < cfg.layers, let mask = dropoutMasks[layer] {
                layerInput = zip(out, mask).map { $0 * $1 }
            } else {
                layerInput = out
            }
        }
        RecurrentTrace.finalState(cfg, batch: N)
        return (out, hn, cn, tapes, inputs)
    }

    static func weights(_ cfg: RecurrentConfig, _ params: [Tensor], layer: Int, direction: Int) -> DirectionWeights {
        let base = (layer * cfg.directions + direction) * cfg.perDirection
        let p = { (i: Int) in UnsafePointer(params[base + i].floatPointer) }
        return DirectionWeights(wih: p(0), whh: p(1), bih: cfg.bias ? p(2) : nil, bhh: cfg.bias ? p(3) : nil,
                                whr: cfg.projSize > 0 ? p(cfg.bias ? 4 : 2) : nil)
    }
}
