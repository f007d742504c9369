// Backward through time for one layer and direction: fused gate derivatives per step, weight GEMMs once per call.
import CKernels
import Foundation

extension RecurrentDirection {
    /// Accumulates gradients of one direction. `dOut` is this direction's block of the layer-output gradient
    /// (row stride `outStride`, may be nil); `dhn`/`dcn` the final-state gradients (nil = zero).
    /// Adds into `dx` (L*N, inputSize; skipped when `dx` is nil, for an input that needs no gradient) and `grads`;
    /// writes `dh0`/`dc0`.
    static func backward(_ s: DirectionShape, x: UnsafePointer<Float>, w: DirectionWeights, tape: DirectionTape,
                         h0: UnsafePointer<Float>, c0: UnsafePointer<Float>?,
                         dOut: UnsafePointer<Float>?, dhn: UnsafePointer<Float>?, dcn: UnsafePointer<Float>?,
                         dx: UnsafeMutablePointer<Float>?, grads: DirectionGrads,
                         dh0: UnsafeMutablePointer<Float>, dc0: UnsafeMutablePointer<Float>?) {
        let (L, N, H, P, G) = (s.steps, s.batch, s.hidden, s.outSize, s.gates)
        // Each step multiplies the gate gradients by W_hh (G×P) itself.
        let whh = StepMatrix(w.whh, k: G, n: P, transposed: false)
        var dh = [Float](repeating: 0, count: N * P)
        var dc = [Float](repeating: 0, count: s.kind == .lstm ? N * H : 0)
        if let dhn { for i in 0..<(N * P) { dh[i] = dhn[i] } }
        if let dcn, s.kind == .lstm { for i in 0..<(N * H) { dc[i] = dcn[i] } }
        var dGi = FloatPool.take(L * N * G)
        var dGh = FloatPool.take(s.kind == .gru ? L * N * G : 0)
        defer {
            FloatPool.give(dGi)
            FloatPool.give(dGh)
        }
        var dhraw = uninitializedFloats(s.projects ? N * H : 0)
        // With a projection, every step's gradient of the projected state, for W_hr's gradient after the loop.
        var dhAll = uninitializedFloats(s.projects ? L * N * P : 0)
        dh.withUnsafeMutableBufferPointer { dhBuf in
        dc.withUnsafeMutableBufferPointer { dcBuf in
        dGi.withUnsafeMutableBufferPointer { dGiBuf in
        dGh.withUnsafeMutableBufferPointer { dGhBuf in
        dhraw.withUnsafeMutableBufferPointer { dhrawBuf in
        dhAll.withUnsafeMutableBufferPointer { dhAllBuf in
        tape.gates.withUnsafeBufferPointer { gatesBuf in
        tape.cells.withUnsafeBufferPointer { cellsBuf in
        tape.tanhCells.withUnsafeBufferPointer { tanhCellsBuf in
        tape.hraw.withUnsafeBufferPointer { hrawBuf in
        tape.ghn.withUnsafeBufferPointer { ghnBuf in
        tape.hprev.withUnsafeBufferPointer { hprevBuf in
            guard let dhState = dhBuf.baseAddress, let dGiAll = dGiBuf.baseAddress,
                  let gatesAll = gatesBuf.baseAddress, let hprevAll = hprevBuf.baseAddress else { return }
            let dGhAll = s.kind == .gru ? dGhBuf.baseAddress ?? dGiAll : dGiAll
            // Each batch row's gradient runs back through time on its own, so blocks of rows run on their own threads.
            BatchRows.split(N, work: L * N * G * P) { r0, r1 in
                let R = r1 - r0
                let dhp = dhState + r0 * P
                for step in stride(from: L - 1, through: 0, by: -1) {
                    let t = s.time(step)
                    if let dOut {
                        let src = dOut + (t * N + r0) * s.outStride
                        for n in 0..<R {
                            let d = dhp + n * P, o = src + n * s.outStride
                            for j in 0..<P { d[j] += o[j] }
                        }
                    }
                    let g = gatesAll + (t * N + r0) * G
                    let dgi = dGiAll + (t * N + r0) * G
                    switch s.kind {
                    case .rnnTanh, .rnnRelu:
                        unroll_rnn_gates_backward(R * H, g, dhp, dgi, s.kind == .rnnRelu)
                        whh.multiply(R, dgi, G, into: dhp, P, accumulate: false)
                    case .lstm:
                        guard let cells = cellsBuf.baseAddress, let tanhCells = tanhCellsBuf.baseAddress,
                              let dcAll = dcBuf.baseAddress else { return }
                        let dcp = dcAll + r0 * H
                        var dhr: UnsafePointer<Float> = UnsafePointer(dhp)
                        if s.projects, let whr = w.whr, let dhrawAll = dhrawBuf.baseAddress,
                           let dhSteps = dhAllBuf.baseAddress {
                            (dhSteps + (t * N + r0) * P).update(from: dhp, count: R * P)
                            let dhrawp = dhrawAll + r0 * H
                            BatchRows.forEachChunk(0, R) { a, b in
                                gemm(false, false, b - a, H, P, dhp + a * P, P, whr, H, 0, dhrawp + a * H, H)
                            }
                            dhr = UnsafePointer(dhrawp)
                        }
                        let tcAll = tanhCells + (t * N + r0) * H
                        // The first step's previous cell state is c0, or zeros without one (dgi's f block then gets 0).
                        let cp: UnsafePointer<Float>? = step == 0 ? c0.map { $0 + r0 * H }
                                                                  : cells + (s.time(step - 1) * N + r0) * H
                        unroll_lstm_gates_backward(R, H, g, tcAll, dhr, cp, dcp, dgi)
                        whh.multiply(R, dgi, G, into: dhp, P, accumulate: false)
                    case .gru:
                        guard let ghnAll = ghnBuf.baseAddress else { return }
                        let dgh = dGhAll + (t * N + r0) * G
                        let ghn = ghnAll + (t * N + r0) * H
                        let hp = hprevAll + (t * N + r0) * P
                        unroll_gru_gates_backward(R, H, g, ghn, hp, dhp, dgi, dgh)
                        whh.multiply(R, dgh, G, into: dhp, P, accumulate: true)
                    }
                }
            }
            if s.projects, let gwhr = grads.whr, let hraw = hrawBuf.baseAddress, let dhSteps = dhAllBuf.baseAddress {
                addWeightGradient(gwhr, g: P, f: H, k: L * N, dG: dhSteps, x: hraw)
            }
            // Weight gradients for all steps at once.
            addWeightGradient(grads.wih, g: G, f: s.inputSize, k: L * N, dG: dGiAll, x: x)
            addWeightGradient(grads.whh, g: G, f: P, k: L * N, dG: dGhAll, x: hprevAll)
            if s.kind == .gru {
                if let gb = grads.bih { addColumnSums(dGiAll, rows: L * N, cols: G, into: gb) }
                if let gb = grads.bhh { addColumnSums(dGhAll, rows: L * N, cols: G, into: gb) }
            } else if grads.bih != nil || grads.bhh != nil {
                // Both biases enter the same pre-activation, so their gradients are the same column sums: sum once.
                var sums = [Float](repeating: 0, count: G)
                sums.withUnsafeMutableBufferPointer { buf in
                    guard let sp = buf.baseAddress else { return }
                    addColumnSums(dGiAll, rows: L * N, cols: G, into: sp)
                    for gb in [grads.bih, grads.bhh].compactMap({ $0 }) {
                        for j in 0..<G { gb[j] += sp[j] }
                    }
                }
            }
            if let dx {
                // The input's gradient dG·W_ih for all steps: the packed kernel over W_ih packed once.
                StepMatrix(w.wih, k: G, n: s.inputSize, transposed: false)
                    .multiplyAllRows(L * N, dGiAll, G, into: dx, s.inputSize, accumulate: true)
            }
            dh0.update(from: dhState, count: N * P)
            // Empty arrays of the non-LSTM kinds still have a base address; only an LSTM has a cell gradient.
            if s.kind == .lstm, let dc0, let dcp = dcBuf.baseAddress { dc0.update(from: dcp, count: N * H) }
        }}}}}}}}}}}}
    }
}
