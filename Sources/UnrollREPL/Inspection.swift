// The inspection meta-commands on live values: :shapes, :explain, :layout, :unroll and :vars.
import Foundation
import UnrollLang
import UnrollNN
import UnrollTensor

enum Inspection {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The Swift module behind a language value (a built-in layer or a `class Net(nn.Module)` instance).
    static func module(_ value: Value) -> Module? { ModuleAccess.module(value) }

    /// Splits meta-command arguments at spaces outside brackets and quotes, so `x[:, 0, :]` stays one argument.
    static func words(_ arguments: String) -> [String] {
        var words: [String] = [], current = "", depth = 0
        var quote: Character? = nil
        for c in arguments {
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "'", "\"": quote = c; current.append(c)
            case "(", "[", "{": depth += 1; current.append(c)
            case ")", "]", "}": depth = max(0, depth - 1); current.append(c)
            case " " where depth == 0, "\t" where depth == 0:
                if !current.isEmpty { words.append(current); current = "" }
            default: current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The settings of a recurrent cell or layer, as the module itself reports them.
    static func recurrentSpec(_ module: Module) -> RecurrentSpec? {
        (module as? RecurrentBase)?.spec ?? (module as? RecurrentCellBase)?.spec
    }

    static func shapes(_ arguments: String, _ session: Session) throws -> String {
        guard !arguments.isEmpty else { throw Failure(description: "usage: :shapes M (a module or a tensor)") }
        let value = try session.evaluate(arguments)
        if let tensor = TensorBridge.tensorValue(value) {
            return ShapesTable.tensor(name: arguments, shape: tensor.shape, dtype: tensor.dtype.torchName, strides: tensor.strides,
                                      contiguous: tensor.isContiguous, requiresGrad: tensor.requiresGrad, gradFn: tensor.gradFn?.name)
        }
        guard let module = module(value) else {
            throw Failure(description: ":shapes needs a module or a tensor; \(arguments) is a \(value.typeName)")
        }
        var rows: [ParameterRow] = []
        for (prefix, sub) in module.namedModules() {
            for name in sub.parameterNames {
                guard let p = sub.parameter(name) else { continue }
                let full = prefix.isEmpty ? name : "\(prefix).\(name)"
                rows.append(ParameterRow(name: full, shape: p.shape, initialisation: sub.initialisation(of: name) ?? "set by the module", requiresGrad: p.requiresGrad))
            }
        }
        // A container's repr spans lines (`Net(` ... `)`); its title names just the class.
        let lines = module.repr.split(separator: "\n")
        let firstLine = lines.first.map(String.init) ?? module.typeName
        let summary = lines.count > 1 && firstLine.hasSuffix("(") ? String(firstLine.dropLast()) : firstLine
        return ShapesTable.module(title: "\(arguments): \(summary)", rows: rows)
    }

    static func explain(_ arguments: String, _ session: Session) throws -> String {
        let value = try session.evaluate(arguments)
        guard let module = module(value) else { throw Failure(description: ":explain needs a recurrent module; \(arguments) is a \(value.typeName)") }
        if let spec = recurrentSpec(module) { return Explain.render(spec, name: arguments) }
        let parts = module.namedModules().compactMap { name, sub in recurrentSpec(sub).map { Explain.render($0, name: name.isEmpty ? arguments : "\(arguments).\(name)") } }
        guard !parts.isEmpty else { throw Failure(description: ":explain knows RNN, LSTM and GRU cells and layers; \(arguments) has none") }
        return parts.joined(separator: "\n\n")
    }

    static func layout(_ arguments: String, _ session: Session) throws -> String {
        let w = words(arguments)
        guard w.count == 2 else { throw Failure(description: "usage: :layout M X (a recurrent module and a tensor)") }
        let moduleValue = try session.evaluate(w[0]), inputValue = try session.evaluate(w[1])
        guard let module = module(moduleValue), let spec = recurrentSpec(module) ?? module.modules().lazy.compactMap(recurrentSpec).first else {
            throw Failure(description: ":layout needs a recurrent module; \(w[0]) is a \(moduleValue.typeName)")
        }
        guard let x = TensorBridge.tensorValue(inputValue) else { throw Failure(description: ":layout needs a tensor; \(w[1]) is a \(inputValue.typeName)") }
        return Layout.render(spec, name: w[0], inputName: w[1], shape: x.shape)
    }

    static func unroll(_ arguments: String, _ session: Session) throws -> String {
        let w = words(arguments)
        guard w.count == 2 || w.count == 3 else { throw Failure(description: "usage: :unroll C X [H0]") }
        let cellValue = try session.evaluate(w[0])
        guard let module = module(cellValue), let spec = recurrentSpec(module) else {
            throw Failure(description: ":unroll needs an RNN/LSTM/GRU cell or layer; \(w[0]) is a \(cellValue.typeName)")
        }
        guard let x = TensorBridge.tensorValue(try session.evaluate(w[1])) else { throw Failure(description: "\(w[1]) is not a tensor") }
        let h0 = try w.count == 3 ? TensorBridge.tensorValue(try session.evaluate(w[2])) : nil
        if !spec.isCell && (spec.numLayers != 1 || spec.bidirectional) {
            throw Failure(description: ":unroll draws one layer in one direction; \(w[0]) has \(spec.numLayers) layer(s)\(spec.bidirectional ? ", bidirectional" : ""). Try a cell or nn.\(spec.kind.rawValue)(…, num_layers=1).")
        }
        return try GradMode.withDisabled { try unrollSteps(module, spec: spec, name: w[0], x: x, h0: h0) }
    }

    private static func unrollSteps(_ module: Module, spec: RecurrentSpec, name: String, x: Tensor, h0: Tensor?) throws -> String {
        let timeAxis = (!spec.isCell && spec.batchFirst && x.dim == 3) ? 1 : 0
        let steps = x.shape.isEmpty ? 0 : x.shape[timeAxis]
        var h: ModuleValue = h0.map { .tensor($0) } ?? .none
        var records: [UnrollStep] = []
        var last: ModuleValue = .none
        for t in 0..<steps {
            let xt = try x.select(timeAxis, t)
            let input: Tensor = spec.isCell ? xt : try xt.unsqueeze(timeAxis)
            let out = try module.forward(h.isNone ? [.tensor(input)] : [.tensor(input), h])
            var state: Tensor, cell: Tensor? = nil
            if spec.isCell {
                if case .tuple(let pair) = out, let hh = pair.first?.tensor { state = hh; cell = pair.last?.tensor; h = out } else if let t = out.tensor { state = t; h = out } else { break }
            } else {
                guard case .tuple(let pair) = out, pair.count == 2 else { break }
                h = pair[1]
                if case .tuple(let hc) = pair[1], let hh = hc.first?.tensor { state = try hh.select(0, 0); cell = try hc.last?.tensor?.select(0, 0) } else if let hh = pair[1].tensor { state = try hh.select(0, 0) } else { break }
            }
            last = h
            records.append(UnrollStep(inputShape: xt.shape, input: xt.doubles(), stateShape: state.shape, state: state.doubles(), cellState: cell?.doubles()))
        }
        var check: (label: String, equal: Bool)? = nil
        if !spec.isCell, steps > 0 {
            let whole = try module.forward(h0.map { [.tensor(x), .tensor($0)] } ?? [.tensor(x)])
            if case .tuple(let pair) = whole, pair.count == 2 {
                let hn: Tensor? = { if case .tuple(let hc) = pair[1] { return hc.first?.tensor }; return pair[1].tensor }()
                if let hn, let mine = { () -> Tensor? in if case .tuple(let hc) = last { return hc.first?.tensor }; return last.tensor }() {
                    check = ("h_n of \(name)(\(x.shape.count == 3 ? "x" : "x")) run at once", hn.doubles() == mine.doubles())
                }
            }
        }
        let initialShape = records.first?.stateShape ?? [spec.hiddenSize]
        let initial = h0.map { $0.doubles() } ?? [Double](repeating: 0, count: initialShape.reduce(1, *))
        return UnrollChart.render(cellName: module.typeName, initialShape: initialShape, initial: initial, initialWasGiven: h0 != nil,
                                  steps: records, finalCheck: check)
    }

    static func vars(_ session: Session) -> String {
        let rows = session.globals.filter { !$0.name.hasPrefix("_") }.compactMap { name, value -> (String, String, String)? in
            switch value {
            case .module, .builtin, .class: return nil
            default: break
            }
            if let t = TensorBridge.tensorValue(value) {
                return (name, "Tensor", "[" + t.shape.map(String.init).joined(separator: ", ") + "] \(t.dtype.torchName)")
            }
            if let m = module(value) { return (name, m.typeName, "\(m.parameters().reduce(0) { $0 + $1.numel }) parameters") }
            return (name, value.typeName, "")
        }
        guard !rows.isEmpty else { return "(no variables)" }
        let w0 = rows.map { $0.0.count }.max() ?? 0, w1 = rows.map { $0.1.count }.max() ?? 0
        return rows.map { $0.0.padding(toLength: w0 + 2, withPad: " ", startingAt: 0) + $0.1.padding(toLength: w1 + 2, withPad: " ", startingAt: 0) + $0.2 }
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }

    /// One line about a trace's result: a tensor's shape, a tuple of shapes, or its repr.
    static func describe(_ value: Value, repr: String) -> String {
        if let t = TensorBridge.tensorValue(value) { return "Tensor [" + t.shape.map(String.init).joined(separator: ", ") + "]" }
        if case .tuple(let items) = value { return "(" + items.map { describe($0, repr: "") }.joined(separator: ", ") + ")" }
        return repr.isEmpty ? value.typeName : repr
    }
}

extension ModuleValue {
    var isNone: Bool { if case .none = self { return true }; return false }
}
