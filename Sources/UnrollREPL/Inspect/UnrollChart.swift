// `:unroll C X`: draws a cell's chain over time, x_t → [cell] → h_t, with shapes and compact values per step.
import Foundation

/// One step of an unrolled run: the input read and the state produced, as shapes and row-major values.
public struct UnrollStep: Sendable {
    public var inputShape: [Int]
    public var input: [Double]
    public var stateShape: [Int]
    public var state: [Double]
    /// LSTM only: the cell state c_t.
    public var cellState: [Double]?

    public init(inputShape: [Int], input: [Double], stateShape: [Int], state: [Double], cellState: [Double]? = nil) {
        self.inputShape = inputShape
        self.input = input
        self.stateShape = stateShape
        self.state = state
        self.cellState = cellState
    }
}

public enum UnrollChart {
    /// Up to `limit` values with 4 decimals, then an ellipsis with the count left out.
    public static func compact(_ values: [Double], limit: Int = 4) -> String {
        let shown = values.prefix(limit).map { String(format: "%7.4f", $0) }.joined(separator: " ")
        return values.count > limit ? shown + " … (+\(values.count - limit))" : shown
    }

    static func shapeText(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

    /// The chain, top to bottom. `initial` is h_0's values (zeros when the learner gave none);
    /// `finalCheck` is the comparison of the last state with the module's own result, when one was made.
    public static func render(cellName: String, initialShape: [Int], initial: [Double], initialWasGiven: Bool,
                              steps: [UnrollStep], finalCheck: (label: String, equal: Bool)?) -> String {
        var lines: [String] = []
        let batched = (steps.first?.inputShape.count ?? 1) > 1
        lines.append("\(cellName) unrolled over \(steps.count) step\(steps.count == 1 ? "" : "s")"
            + (batched ? " (values shown for batch row 0)" : ""))
        lines.append("")
        let startLabel = "h_init \(shapeText(initialShape))"
        lines.append("\(startLabel) \(compact(initial))\(initialWasGiven ? "" : "   (zeros: no hidden state given)")")
        let indent = String(repeating: " ", count: 4)
        for (t, step) in steps.enumerated() {
            let rowIn = batched ? Array(step.input.prefix(step.inputShape.last ?? 0)) : step.input
            let rowState = batched ? Array(step.state.prefix(step.stateShape.last ?? 0)) : step.state
            lines.append(indent + "│")
            lines.append(indent + "▼")
            let xText = "x_\(t) \(shapeText(step.inputShape)) \(compact(rowIn))"
            lines.append("\(xText) ──▶ [\(cellName)] ──▶ h_\(t) \(shapeText(step.stateShape)) \(compact(rowState))")
            if let c = step.cellState {
                let rowC = batched ? Array(c.prefix(step.stateShape.last ?? 0)) : c
                lines.append(String(repeating: " ", count: xText.count + cellName.count + 10) + "c_\(t) \(shapeText(step.stateShape)) \(compact(rowC))")
            }
        }
        lines.append("")
        lines.append("The same \(cellName) (same weights) ran at every step; the sequence length \(steps.count) came from the input.")
        if let check = finalCheck {
            lines.append("h_\(max(steps.count - 1, 0)) equals \(check.label): \(check.equal ? "True" : "False")")
        }
        return lines.joined(separator: "\n")
    }
}
