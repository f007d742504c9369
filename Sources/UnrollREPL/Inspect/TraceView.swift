// `:trace EXPR`: renders recorded tensor operations as an indented list nested by module, repeats folded.
import UnrollTensor

public enum TraceView {
    static func shape(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }

    /// One line per op or scope; consecutive identical ops at the same depth fold into `× N`.
    public static func render(_ events: [TraceEvent]) -> String {
        var lines: [String] = []
        var previous: (text: String, depth: Int)? = nil
        var repeats = 0
        func flush() {
            guard let p = previous else { return }
            let pad = String(repeating: "  ", count: p.depth)
            lines.append(pad + p.text + (repeats > 1 ? "   × \(repeats)" : ""))
            previous = nil
            repeats = 0
        }
        for event in events {
            switch event.kind {
            case .op:
                let inputs = event.inputShapes.map(shape).joined(separator: ", ")
                let text = "\(event.name)  \(inputs) → \(shape(event.outputShape))"
                if let p = previous, p.text == text, p.depth == event.depth {
                    repeats += 1
                } else {
                    flush()
                    previous = (text, event.depth)
                    repeats = 1
                }
            case .enter:
                flush()
                let pad = String(repeating: "  ", count: event.depth)
                let inputs = event.inputShapes.isEmpty ? "" : "  ← " + event.inputShapes.map(shape).joined(separator: ", ")
                lines.append(pad + event.name + inputs)
            case .note:
                flush()
                lines.append(String(repeating: "  ", count: event.depth) + event.name)
            case .exit:
                flush()
            }
        }
        flush()
        return lines.isEmpty ? "(no tensor operations)" : lines.joined(separator: "\n")
    }
}
