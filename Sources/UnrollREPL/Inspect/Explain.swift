// `:explain M`: the update equations of a recurrent cell or layer with the module's real shapes filled in.
import UnrollNN

public enum Explain {
    /// The equations for `spec`, one block per layer (and direction for bidirectional layers).
    public static func render(_ spec: RecurrentSpec, name: String) -> String {
        var lines: [String] = []
        let h = spec.hiddenSize
        lines.append("\(name): \(spec.typeName), input_size=\(spec.inputSize), hidden_size=\(h)"
            + (spec.isCell ? "" : ", num_layers=\(spec.numLayers)\(spec.bidirectional ? ", bidirectional" : "")"))
        let layers = spec.isCell ? 1 : spec.numLayers
        for layer in 0..<layers {
            let f = spec.layerInputSize(layer)
            let suffix = spec.isCell ? "" : "_l\(layer)"
            if !spec.isCell {
                lines.append("")
                var header = "layer \(layer)"
                if layer > 0 { header += " (reads layer \(layer - 1)'s output, width \(f))" }
                if spec.bidirectional { header += "; the _reverse parameters run the same equations from the last step back" }
                lines.append(header + ":")
            }
            let x = spec.isCell ? "x" : "x_t"
            let hPrev = spec.isCell ? "h" : "h_(t-1)"
            let hNew = spec.isCell ? "h'" : "h_t"
            let cPrev = spec.isCell ? "c" : "c_(t-1)"
            let cNew = spec.isCell ? "c'" : "c_t"
            let hIn = spec.outputSize
            func term(_ w: String, _ rows: Int, _ cols: Int, _ v: String, _ n: Int) -> String {
                "\(w)[\(rows)×\(cols)]·\(v)[\(n)]"
            }
            func biasTerm(_ b: String, _ n: Int) -> String { spec.bias ? " + \(b)[\(n)]" : "" }
            switch spec.kind {
            case .rnn:
                let act = spec.nonlinearity
                lines.append("  \(hNew) = \(act)(\(term("W_ih" + suffix, h, f, x, f))\(biasTerm("b_ih" + suffix, h)) + \(term("W_hh" + suffix, h, h, hPrev, h))\(biasTerm("b_hh" + suffix, h)))")
                lines.append("  shapes: [\(h)] + [\(h)] + [\(h)] + [\(h)] = [\(h)]")
            case .lstm:
                let gates = [("i", "σ", "input gate"), ("f", "σ", "forget gate"), ("g", "tanh", "cell candidate"), ("o", "σ", "output gate")]
                for (k, gate) in gates.enumerated() {
                    let (g, act, role) = gate
                    lines.append("  \(g) = \(act)(\(term("W_i\(g)", h, f, x, f))\(biasTerm("b_i\(g)", h)) + \(term("W_h\(g)", h, hIn, hPrev, hIn))\(biasTerm("b_h\(g)", h)))   \(role); rows \(k * h)..<\((k + 1) * h) of weight_ih\(suffix)")
                }
                lines.append("  \(cNew) = f ⊙ \(cPrev)[\(h)] + i ⊙ g")
                if spec.projSize > 0 {
                    lines.append("  \(hNew) = W_hr\(suffix)[\(spec.projSize)×\(h)]·(o ⊙ tanh(\(cNew)))   projection to proj_size=\(spec.projSize)")
                } else {
                    lines.append("  \(hNew) = o ⊙ tanh(\(cNew))")
                }
                lines.append("  weight_ih\(suffix) is [4·\(h)×\(f)] = [\(4 * h)×\(f)], weight_hh\(suffix) is [\(4 * h)×\(hIn)], stacked i, f, g, o")
            case .gru:
                let gates = [("r", "reset gate"), ("z", "update gate")]
                for (k, gate) in gates.enumerated() {
                    let (g, role) = gate
                    lines.append("  \(g) = σ(\(term("W_i\(g)", h, f, x, f))\(biasTerm("b_i\(g)", h)) + \(term("W_h\(g)", h, h, hPrev, h))\(biasTerm("b_h\(g)", h)))   \(role); rows \(k * h)..<\((k + 1) * h) of weight_ih\(suffix)")
                }
                lines.append("  n = tanh(\(term("W_in", h, f, x, f))\(biasTerm("b_in", h)) + r ⊙ (\(term("W_hn", h, h, hPrev, h))\(biasTerm("b_hn", h))))   new gate; rows \(2 * h)..<\(3 * h)")
                lines.append("  \(hNew) = (1 − z) ⊙ n + z ⊙ \(hPrev)")
                lines.append("  weight_ih\(suffix) is [3·\(h)×\(f)] = [\(3 * h)×\(f)], weight_hh\(suffix) is [\(3 * h)×\(h)], stacked r, z, n")
            }
        }
        lines.append("")
        if spec.isCell {
            lines.append("A batch (N, \(spec.inputSize)) applies the same equations to each row: h is then (N, \(h)).")
        } else {
            let l = spec.batchFirst ? "(N, L, \(spec.inputSize))" : "(L, N, \(spec.inputSize))"
            lines.append("Input \(l); output \(spec.batchFirst ? "(N, L, " : "(L, N, ")\(spec.outputSize * spec.directions)); h_n (\(spec.numLayers * spec.directions), N, \(spec.outputSize))"
                + (spec.kind == .lstm ? "; c_n (\(spec.numLayers * spec.directions), N, \(h))" : "") + ".")
        }
        return lines.joined(separator: "\n")
    }
}
