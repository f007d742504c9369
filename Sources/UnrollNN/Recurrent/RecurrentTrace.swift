// What `:trace` shows inside the fused recurrent kernel: per layer and direction, the projection and each step.
import UnrollTensor

/// The fused kernel runs without per-op graph nodes, so it describes its work to `OpTrace` itself:
/// the shapes a learner would draw by hand for `rnn(x)`.
enum RecurrentTrace {
    static func gateNames(_ kind: RecurrentKind) -> String {
        switch kind {
        case .lstm: return "i, f, g, o"
        case .gru: return "r, z, n"
        case .rnnTanh: return "tanh"
        case .rnnRelu: return "relu"
        }
    }

    /// Opens `layer L direction` and records the one GEMM that projects every step's input at once.
    static func direction(_ cfg: RecurrentConfig, layer: Int, direction: Int, steps: Int, batch: Int) {
        guard OpTrace.isActive else { return }
        let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
        let f = cfg.layerInput(layer), g = cfg.kind.gateCount * cfg.hidden, h = cfg.hidden, p = cfg.outSize
        OpTrace.enter("layer \(layer) \(direction == 1 ? "reverse (last step first)" : "forward")", inputs: [[steps, batch, f]])
        OpTrace.op("input projection x·W_ih\(suffix)ᵀ + b (all \(steps) steps in one GEMM)",
                   inputs: [[steps * batch, f], [g, f]], output: [steps * batch, g])
        let update: String
        switch cfg.kind {
        case .lstm: update = "step: gates \(gateNames(cfg.kind)) = proj_t + h·W_hh\(suffix)ᵀ [\(batch), \(g)] → c_t, h_t"
        case .gru: update = "step: gates \(gateNames(cfg.kind)) from proj_t and h·W_hh\(suffix)ᵀ [\(batch), \(g)] → h_t"
        case .rnnTanh, .rnnRelu: update = "step: h_t = \(gateNames(cfg.kind))(proj_t + h_(t-1)·W_hh\(suffix)ᵀ)"
        }
        for _ in 0..<steps {
            OpTrace.op(update, inputs: [[batch, p], [g, p]], output: [batch, h])
        }
        if p != h {
            OpTrace.op("projection h_t = W_hr\(suffix)·h_t per step", inputs: [[batch, h], [p, h]], output: [batch, p])
        }
    }

    static func endDirection() {
        guard OpTrace.isActive else { return }
        OpTrace.exit()
    }

    static func layerOutput(_ cfg: RecurrentConfig, layer: Int, steps: Int, batch: Int) {
        guard OpTrace.isActive else { return }
        let width = cfg.directions * cfg.outSize
        if cfg.directions == 2 {
            OpTrace.note("layer \(layer) output: forward ‖ reverse concatenated per step → [\(steps), \(batch), \(width)]")
        } else {
            OpTrace.note("layer \(layer) output: the states of every step → [\(steps), \(batch), \(width)]")
        }
    }

    static func finalState(_ cfg: RecurrentConfig, batch: Int) {
        guard OpTrace.isActive else { return }
        let slots = cfg.layers * cfg.directions
        OpTrace.note("h_n: each layer's and direction's last state, stacked (layer·\(cfg.directions) + direction) → [\(slots), \(batch), \(cfg.outSize)]"
            + (cfg.kind == .lstm ? "; c_n likewise → [\(slots), \(batch), \(cfg.hidden)]" : ""))
    }
}
