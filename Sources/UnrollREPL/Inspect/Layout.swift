// `:layout M X`: how a recurrent module reads a tensor seq-first and batch-first, side by side, with warnings.
import Foundation
import UnrollNN

public enum Layout {
    /// A two-column comparison of the layouts for input `shape`; `name`/`inputName` are what the learner typed.
    public static func render(_ spec: RecurrentSpec, name: String, inputName: String, shape: [Int]) -> String {
        let shapeText = "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
        var lines = [
            "\(name) = \(spec.typeName)(\(spec.inputSize), \(spec.hiddenSize)\(spec.numLayers > 1 ? ", num_layers=\(spec.numLayers)" : "")"
                + "\(spec.batchFirst ? ", batch_first=True" : "")\(spec.bidirectional ? ", bidirectional=True" : ""))"
                + "   reads \(spec.batchFirst ? "batch-first (batch_first=True)" : "seq-first (batch_first=False)")",
            "\(inputName): \(shapeText)",
            "",
        ]
        guard !spec.isCell else {
            lines.append("\(spec.typeName) reads one step: (N, \(spec.inputSize)) or (\(spec.inputSize),); it has no sequence axis, so batch_first does not apply.")
            return lines.joined(separator: "\n")
        }
        let d = spec.directions, hOut = spec.outputSize, stacked = spec.numLayers * d
        func fmt(_ dims: [Int]) -> String { "(" + dims.map(String.init).joined(separator: ", ") + ")" }
        var rows: [(String, String, String)] = []
        let seqUsed = spec.batchFirst ? "" : " (used)"
        let batchUsed = spec.batchFirst ? " (used)" : ""
        rows.append(("", "batch_first=False" + seqUsed, "batch_first=True" + batchUsed))
        var warnings: [String] = []
        switch shape.count {
        case 3:
            let (a, b, f) = (shape[0], shape[1], shape[2])
            let fOK = f == spec.inputSize
            let mark = fOK ? "✓" : "✗ expected \(spec.inputSize)"
            rows.append(("axis 0", "L = \(a) steps", "N = \(a) sequences"))
            rows.append(("axis 1", "N = \(b) sequences", "L = \(b) steps"))
            rows.append(("axis 2", "F = \(f) features \(mark)", "F = \(f) features \(mark)"))
            if fOK {
                rows.append(("output", fmt([a, b, hOut * d]), fmt([a, b, hOut * d])))
                rows.append(("h_n", fmt([stacked, b, hOut]), fmt([stacked, a, hOut])))
                if spec.kind == .lstm {
                    rows.append(("c_n", fmt([stacked, b, spec.hiddenSize]), fmt([stacked, a, spec.hiddenSize])))
                }
                let (steps, batch) = spec.batchFirst ? (b, a) : (a, b)
                warnings.append("As built, \(name) reads \(batch) sequences of \(steps) steps.")
                if a != b {
                    warnings.append("Both layouts accept this shape, so a wrong batch_first raises no error: it silently swaps time and batch.")
                    warnings.append("DataLoader batches are (N, L, F): they need batch_first=True.")
                }
            } else {
                warnings.append("Neither layout fits: the last axis is always F, and \(name) expects F = \(spec.inputSize).")
                warnings.append("PyTorch: RuntimeError: input.size(-1) must be equal to input_size. Expected \(spec.inputSize), got \(f)")
                if shape.contains(spec.inputSize) {
                    warnings.append("Axis \(shape.firstIndex(of: spec.inputSize) ?? 0) has size \(spec.inputSize): permute the features to the last axis.")
                }
            }
        case 2:
            let (l, f) = (shape[0], shape[1])
            let fOK = f == spec.inputSize
            rows.append(("axis 0", "L = \(l) steps (unbatched)", "L = \(l) steps (unbatched)"))
            rows.append(("axis 1", "F = \(f) features \(fOK ? "✓" : "✗ expected \(spec.inputSize)")", "F = \(f) features \(fOK ? "✓" : "✗ expected \(spec.inputSize)")"))
            if fOK {
                rows.append(("output", fmt([l, hOut * d]), fmt([l, hOut * d])))
                rows.append(("h_n", fmt([stacked, hOut]), fmt([stacked, hOut])))
            }
            warnings.append("A 2-D input is one unbatched sequence (L, F): batch_first does not change how it is read.")
            if !fOK {
                warnings.append("PyTorch: RuntimeError: input.size(-1) must be equal to input_size. Expected \(spec.inputSize), got \(f)")
            }
        default:
            // PyTorch's RNN says "1D tensor instead", LSTM and GRU say "1D instead".
            let noun = spec.kind == .rnn ? "D tensor" : "D"
            warnings.append("PyTorch: ValueError: \(spec.kind.rawValue): Expected input to be 2D or 3D, got \(shape.count)\(noun) instead")
        }
        if rows.count > 1 {
            let w0 = rows.map { $0.0.count }.max() ?? 0
            let w1 = rows.map { $0.1.count }.max() ?? 0
            for row in rows {
                let line = row.0.padding(toLength: w0 + 2, withPad: " ", startingAt: 0)
                    + row.1.padding(toLength: w1 + 3, withPad: " ", startingAt: 0) + row.2
                lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
            }
            lines.append("")
        }
        lines.append(contentsOf: warnings)
        return lines.joined(separator: "\n")
    }
}
