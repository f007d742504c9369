// The fused kernel for one layer and direction: one input GEMM for all steps, one hidden GEMM per step, fused gates, and BPTT.
import CKernels
import Foundation

/// Which recurrence a layer runs.
public enum RecurrentKind: Sendable, Equatable {
    case rnnTanh, rnnRelu, lstm, gru

    /// Rows of `weight_ih` per hidden unit: 4 gates for LSTM (i,f,g,o), 3 for GRU (r,z,n), 1 for RNN.
    var gateCount: Int {
        switch self {
        case .lstm: return 4
        case .gru: return 3
        case .rnnTanh, .rnnRelu: return 1
        }
    }
}

/// Sizes shared by the forward and backward of one direction.
struct DirectionShape {
    let kind: RecurrentKind
    let steps: Int        // L
    let batch: Int        // N
    let inputSize: Int    // features of this layer's input
    let hidden: Int       // H (cell size)
    let outSize: Int      // H, or proj_size when projecting
    let outStride: Int    // row stride of the layer output (directions * outSize)
    let reverse: Bool
    var gates: Int { kind.gateCount * hidden }
    var projects: Bool { outSize != hidden }

    /// Time index of processing step `s`.
    @inline(__always) func time(_ s: Int) -> Int { reverse ? steps - 1 - s : s }
}

/// Raw weights of one layer and direction (contiguous float32).
struct DirectionWeights {
    let wih: UnsafePointer<Float>
    let whh: UnsafePointer<Float>
    let bih: UnsafePointer<Float>?
    let bhh: UnsafePointer<Float>?
    let whr: UnsafePointer<Float>?
}

/// Gradient accumulators matching `DirectionWeights`.
struct DirectionGrads {
    let wih: UnsafeMutablePointer<Float>
    let whh: UnsafeMutablePointer<Float>
    let bih: UnsafeMutablePointer<Float>?
    let bhh: UnsafeMutablePointer<Float>?
    let whr: UnsafeMutablePointer<Float>?
}

/// What the forward keeps for backward through time.
final class DirectionTape {
    var gates: [Float]    // L*N*G*H activated gates (RNN: the new hidden state)
    var cells: [Float]    // LSTM: L*N*H cell states
    var tanhCells: [Float] // LSTM: tanh of each cell state, reused by backward
    var hraw: [Float]     // LSTM with projection: L*N*H unprojected hidden
    var ghn: [Float]      // GRU: L*N*H of W_hn h + b_hn
    var hprev: [Float]    // L*N*outSize hidden state entering each step
    init(_ s: DirectionShape) {
        // Every entry is written by the forward before backward reads it, so no zero fill is needed.
        let ln = s.steps * s.batch
        gates = FloatPool.take(ln * s.gates)
        cells = s.kind == .lstm ? FloatPool.take(ln * s.hidden) : []
        tanhCells = s.kind == .lstm ? FloatPool.take(ln * s.hidden) : []
        hraw = s.projects ? FloatPool.take(ln * s.hidden) : []
        ghn = s.kind == .gru ? FloatPool.take(ln * s.hidden) : []
        hprev = FloatPool.take(ln * s.outSize)
    }

    deinit {
        for array in [gates, cells, tanhCells, hraw, ghn, hprev] { FloatPool.give(array) }
    }
}

enum RecurrentDirection {
    /// Runs one direction. `x` is (L*N, inputSize); `out` points at this direction's column block of the
    /// layer output (row stride `outStride`); `hn`/`cn` receive the final state.
    static func forward(_ s: DirectionShape, x: UnsafePointer<Float>, w: DirectionWeights,
                        h0: UnsafePointer<Float>, c0: UnsafePointer<Float>?,
                        out: UnsafeMutablePointer<Float>, hn: UnsafeMutablePointer<Float>,
                        cn: UnsafeMutablePointer<Float>?, tape: DirectionTape) {
        let (L, N, H, P, G) = (s.steps, s.batch, s.hidden, s.outSize, s.gates)
        guard L > 0 else {
            hn.update(from: h0, count: N * P)
            if let cn, let c0 { cn.update(from: c0, count: N * H) }
            return
        }
        var ghScratch = uninitializedFloats(s.kind == .gru ? N * G : 0)
        // Each step multiplies by W_hhᵀ (P×G); W_hh is stored G×P.
        let whhT = StepMatrix(w.whh, k: P, n: G, transposed: true)
        // An LSTM without an initial cell state starts from zeros.
        let zeroCells = [Float](repeating: 0, count: s.kind == .lstm && c0 == nil ? N * H : 0)
        // The biases that go into the pre-activation with the input projection (GRU keeps b_hn inside r ⊙ (·)).
        var bias: [Float] = []
        if w.bih != nil || w.bhh != nil {
            bias = [Float](repeating: 0, count: G)
            if let b = w.bih { for j in 0..<G { bias[j] += b[j] } }
            if s.kind != .gru, let b = w.bhh { for j in 0..<G { bias[j] += b[j] } }
        }
        tape.gates.withUnsafeMutableBufferPointer { gatesBuf in
        tape.cells.withUnsafeMutableBufferPointer { cellsBuf in
        tape.tanhCells.withUnsafeMutableBufferPointer { tanhCellsBuf in
        zeroCells.withUnsafeBufferPointer { zeroCellsBuf in
        tape.hraw.withUnsafeMutableBufferPointer { hrawBuf in
        tape.ghn.withUnsafeMutableBufferPointer { ghnBuf in
        tape.hprev.withUnsafeMutableBufferPointer { hprevBuf in
        ghScratch.withUnsafeMutableBufferPointer { ghBuf in
        bias.withUnsafeBufferPointer { biasBuf in
            guard let gates = gatesBuf.baseAddress, let hprevAll = hprevBuf.baseAddress else { return }
            // All steps' input projections in one GEMM; the recurrence then runs per block of batch rows.
            StepMatrix(w.wih, k: s.inputSize, n: G, transposed: true).multiplyAllRows(L * N, x, s.inputSize, into: gates, G)
            BatchRows.split(N, work: L * N * G * P) { r0, r1 in
                let R = r1 - r0
                for step in 0..<L {
                    let t = s.time(step)
                    // The state entering this step is read where it lies: h0, or the previous step's output rows
                    // (the tape's copy for backward is made after the loop, in larger pieces).
                    let hp: UnsafePointer<Float> = step == 0 ? h0 + r0 * P
                                                             : UnsafePointer(out + (s.time(step - 1) * N + r0) * s.outStride)
                    let ldp = step == 0 ? P : s.outStride
                    let g = gates + (t * N + r0) * G
                    let o = out + (t * N + r0) * s.outStride
                    // An empty array still has a base address: only a layer with biases has G of them.
                    if biasBuf.count == G, let b = biasBuf.baseAddress { unroll_add_to_rows(R, G, b, g, G) }
                    switch s.kind {
                    case .rnnTanh, .rnnRelu:
                        whhT.multiply(R, hp, ldp, into: g, G, accumulate: true)
                        // Activate the rows in place (one vectorisable loop), then copy them to the output.
                        if s.kind == .rnnRelu {
                            for i in 0..<(R * H) { g[i] = g[i] > 0 || g[i].isNaN ? g[i] : 0 }
                        } else {
                            unroll_tanh_inplace(g, R * H)
                        }
                        for n in 0..<R { (o + n * s.outStride).update(from: g + n * H, count: H) }
                    case .lstm:
                        guard let cells = cellsBuf.baseAddress, let tanhCells = tanhCellsBuf.baseAddress,
                              let zeroCells = zeroCellsBuf.baseAddress ?? c0 else { return }
                        whhT.multiply(R, hp, ldp, into: g, G, accumulate: true)
                        let c = cells + (t * N + r0) * H
                        let cp: UnsafePointer<Float> = step == 0 ? (c0 ?? zeroCells) + r0 * H
                                                                 : UnsafePointer(cells + (s.time(step - 1) * N + r0) * H)
                        let tc = tanhCells + (t * N + r0) * H
                        let hr = s.projects ? hrawBuf.baseAddress.map { $0 + (t * N + r0) * H } : nil
                        // Gates i, f, o are sigmoids and g a tanh, then the cell and hidden state: one C call.
                        unroll_lstm_cell_forward(R, H, g, cp, c, tc, hr ?? o, hr == nil ? s.outStride : H)
                        if let hr, let whr = w.whr {
                            BatchRows.forEachChunk(0, R) { a, b in
                                gemm(false, true, b - a, P, H, hr + a * H, H, whr, H, 0, o + a * s.outStride, s.outStride)
                            }
                        }
                    case .gru:
                        guard let ghAll = ghBuf.baseAddress, let ghnAll = ghnBuf.baseAddress else { return }
                        let gh = ghAll + r0 * G
                        if let bhh = w.bhh {
                            for n in 0..<R { (gh + n * G).update(from: bhh, count: G) }
                            whhT.multiply(R, hp, ldp, into: gh, G, accumulate: true)
                        } else {
                            whhT.multiply(R, hp, ldp, into: gh, G, accumulate: false)
                        }
                        let ghn = ghnAll + (t * N + r0) * H
                        unroll_gru_cell_forward(R, H, g, gh, hp, ldp, ghn, o, s.outStride)
                    }
                }
            }
            // The tape's entering states for backward: h0, then each step's output (one block per step when the
            // output holds one direction, so its rows are contiguous).
            for step in 0..<L {
                let hp = hprevAll + s.time(step) * N * P
                if step == 0 {
                    hp.update(from: h0, count: N * P)
                } else {
                    let prevOut = out + s.time(step - 1) * N * s.outStride
                    if s.outStride == P {
                        hp.update(from: prevOut, count: N * P)
                    } else {
                        for n in 0..<N { (hp + n * P).update(from: prevOut + n * s.outStride, count: P) }
                    }
                }
            }
            let last = out + s.time(L - 1) * N * s.outStride
            for n in 0..<N { (hn + n * P).update(from: last + n * s.outStride, count: P) }
            // Only an LSTM has cell states: the other kinds' empty arrays still have a non-nil base address.
            if s.kind == .lstm, let cn, let cells = cellsBuf.baseAddress {
                cn.update(from: cells + s.time(L - 1) * N * H, count: N * H)
            }
        }}}}}}}}}
    }
}
