// `:shapes`: a module's parameter table (name, shape, numel, initialisation, total) or a tensor's layout facts.
import Foundation

/// One parameter row of `:shapes M`.
public struct ParameterRow: Sendable {
    public var name: String
    public var shape: [Int]
    public var initialisation: String
    public var requiresGrad: Bool

    public init(name: String, shape: [Int], initialisation: String, requiresGrad: Bool = true) {
        self.name = name
        self.shape = shape
        self.initialisation = initialisation
        self.requiresGrad = requiresGrad
    }

    public var numel: Int { shape.reduce(1, *) }
}

public enum ShapesTable {
    static func group(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(d)
        }
        return out
    }

    /// The table for a module; `title` is e.g. `rnn: RNN(3, 4, num_layers=2)`.
    public static func module(title: String, rows: [ParameterRow]) -> String {
        let header = ("name", "shape", "numel", "init")
        let cells = rows.map { row -> (String, String, String, String) in
            (row.name, "[" + row.shape.map(String.init).joined(separator: ", ") + "]", group(row.numel),
             row.initialisation + (row.requiresGrad ? "" : " (frozen)"))
        }
        let w0 = max(header.0.count, cells.map { $0.0.count }.max() ?? 0)
        let w1 = max(header.1.count, cells.map { $0.1.count }.max() ?? 0)
        let total = rows.reduce(0) { $0 + $1.numel }
        let w2 = max(header.2.count, group(total).count, cells.map { $0.2.count }.max() ?? 0)
        func line(_ a: String, _ b: String, _ c: String, _ d: String) -> String {
            let left = a.padding(toLength: w0 + 2, withPad: " ", startingAt: 0) + b.padding(toLength: w1 + 2, withPad: " ", startingAt: 0)
            let num = String(repeating: " ", count: max(0, w2 - c.count)) + c
            let text = left + num + "  " + d
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        var lines = [title, line(header.0, header.1, header.2, header.3)]
        lines.append(String(repeating: "─", count: w0 + w1 + w2 + 8 + (cells.map { $0.3.count }.max() ?? 4)))
        for c in cells { lines.append(line(c.0, c.1, c.2, c.3)) }
        lines.append(line("total", "", group(total), "\(rows.count) parameter tensor\(rows.count == 1 ? "" : "s")"))
        return lines.joined(separator: "\n")
    }

    /// The facts about one tensor.
    public static func tensor(name: String, shape: [Int], dtype: String, strides: [Int], contiguous: Bool,
                              requiresGrad: Bool, gradFn: String?) -> String {
        let list: ([Int]) -> String = { "(" + $0.map(String.init).joined(separator: ", ") + ($0.count == 1 ? ",)" : ")") }
        var lines = [
            "\(name): tensor",
            "  shape          torch.Size([\(shape.map(String.init).joined(separator: ", "))])   \(group(shape.reduce(1, *))) elements",
            "  dtype          \(dtype)",
            "  strides        \(list(strides))",
            "  contiguous     \(contiguous ? "True" : "False")",
            "  requires_grad  \(requiresGrad ? "True" : "False")",
        ]
        if let gradFn { lines.append("  grad_fn        <\(gradFn)>") }
        return lines.joined(separator: "\n")
    }
}
