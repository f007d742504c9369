// The `tqdm` subset: `tqdm(iterable, desc=, total=, leave=)`, `trange`, `set_postfix`/`set_description`, drawn on stderr.
import Foundation

/// `from tqdm import tqdm` (also `tqdm.auto`). The bar is drawn on stderr with carriage-return redraws, in tqdm's
/// format, only when stderr is a terminal: piped runs and lesson replays print nothing, so their output is stable.
enum TqdmBinding {
    static func register() {
        for name in ["tqdm", "tqdm.auto", "tqdm.std", "tqdm.notebook"] {
            ModuleRegistry.register(name) { makeNamespace(name) }
        }
    }

    static let parameters = ["iterable", "desc", "total", "leave", "file", "ncols", "mininterval", "maxinterval", "miniters",
                             "ascii", "disable", "unit", "unit_scale", "dynamic_ncols", "smoothing", "bar_format", "initial",
                             "position", "postfix", "unit_divisor", "write_bytes", "lock_args", "nrows", "colour", "delay"]

    static func makeNamespace(_ name: String) -> Namespace {
        let ns = Namespace(name)
        ns.members["__subset__"] = .str("tqdm")
        ns.members["tqdm"] = .object(TqdmClass())
        ns.define("trange", keywords: Array(parameters.dropFirst())) { args, kwargs, interp in
            // trange(*args, **kwargs) == tqdm(range(*args), **kwargs)
            let range = try interp.call(interp.builtins["range"] ?? .none, args, [])
            return .object(try ProgressBar(try Arguments("tqdm", parameters, [range], kwargs), interp))
        }
        return ns
    }
}

/// The `tqdm` class: calling it makes a bar; `tqdm.write(s)` prints a line (to stdout, as Unroll's bars never share
/// a line with it: they are on stderr).
final class TqdmClass: HostObject {
    var typeName: String { "type" }
    func repr(_ interp: Interpreter) throws -> String { "<class 'tqdm.std.tqdm'>" }
    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        .object(try ProgressBar(try Arguments("tqdm", TqdmBinding.parameters, args, kwargs), interp))
    }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        guard name == "write" else { return nil }
        return .builtin(Builtin("tqdm.write") { args, kwargs, interp in
            let a = try Arguments("write", ["s", "file", "end", "nolock"], required: 1, args, kwargs)
            let end = try a["end"].map { try $0.asString(what: "write(): end") } ?? "\n"
            interp.output(try interp.str(a.values["s"] ?? .none) + end)
            return .none
        })
    }
    func isInstance(_ value: Value) -> Bool? {
        if case .object(let o) = value { return o is ProgressBar }
        return false
    }
    var attributeNames: [String] { ["write"] }
    var keywordNames: [String] { TqdmBinding.parameters }
}

/// One progress bar.
final class ProgressBar: StepwiseIterable {
    private let iterable: Value?
    private(set) var total: Int?
    private(set) var n: Int
    private var desc: String
    private var postfix = ""
    private let leave: Bool
    private let unit: String
    private let fixedColumns: Int?
    private let minInterval: Double
    /// Drawing happens only on a terminal (and not with `disable=True`).
    private let draws: Bool
    private let start = Date()
    private var lastDrawn: Date?
    private var closed = false
    private var pending: [Value] = []
    private var cursor = 0
    private var inner: StepwiseIterable?
    private var yielded = false

    init(_ a: Arguments, _ interp: Interpreter) throws {
        iterable = a["iterable"]
        desc = try a["desc"].map { try $0.asString(what: "tqdm(): desc") } ?? ""
        if let t = a["total"] {
            let d = try t.asDouble(what: "tqdm(): total")
            total = d.isFinite && abs(d) < 9e18 ? Int(d) : nil
        } else if let it = iterable {
            total = try? interp.length(it)
        }
        leave = try a.bool("leave", default: true)
        unit = try a["unit"].map { try $0.asString(what: "tqdm(): unit") } ?? "it"
        fixedColumns = try a["ncols"].map { try $0.asInt(what: "tqdm(): ncols") }
        minInterval = try a.double("mininterval", default: 0.1)
        n = try a.int("initial", default: 0)
        if let p = a["postfix"] { postfix = try ProgressBar.postfixText(p, [], interp) }
        draws = !(try a.bool("disable", default: false)) && StandardErrorStream.isTerminal
        draw(force: true)
    }

    var typeName: String { "tqdm" }

    /// `str(bar)` is the bar's current line, as tqdm's `__str__`.
    func line() -> String {
        let columns = fixedColumns ?? (draws ? StandardErrorStream.columns : nil)
        return TqdmMeter.format(n: n, total: total, elapsed: Date().timeIntervalSince(start), ncols: columns,
                                prefix: desc, unit: unit, postfix: postfix)
    }

    func repr(_ interp: Interpreter) throws -> String { line() }

    private func draw(force: Bool = false) {
        guard draws, !closed else { return }
        let now = Date()
        if !force, let last = lastDrawn, now.timeIntervalSince(last) < minInterval { return }
        lastDrawn = now
        StandardErrorStream.write("\r" + line())
    }

    func close() {
        guard !closed else { return }
        if draws {
            if leave {
                lastDrawn = nil
                draw(force: true)
                StandardErrorStream.write("\n")
            } else {
                StandardErrorStream.write("\r" + String(repeating: " ", count: line().count) + "\r")
            }
        }
        closed = true
    }

    func update(_ step: Int) {
        let (sum, overflow) = n.addingReportingOverflow(step)
        n = overflow ? (step > 0 ? Int.max : Int.min) : sum
        draw()
    }

    // MARK: iteration

    func begin(_ interp: Interpreter) throws {
        guard let it = iterable else { throw LangError.typeError("'NoneType' object is not iterable") }
        if case .object(let o) = it, let stepwise = o as? StepwiseIterable {
            inner = stepwise
            try stepwise.begin(interp)
        } else {
            pending = try interp.iterate(it)
            cursor = 0
        }
    }

    func next(_ interp: Interpreter) throws -> Value? {
        if yielded { update(1) }  // tqdm counts an item when the loop asks for the next one
        let item: Value?
        if let inner {
            item = try inner.next(interp)
        } else if cursor < pending.count {
            item = pending[cursor]
            cursor += 1
        } else {
            item = nil
        }
        yielded = item != nil
        return item
    }

    func finish(completed: Bool, _ interp: Interpreter) {
        inner?.finish(completed: completed, interp)
        close()
    }

    func iterate(_ interp: Interpreter) throws -> [Value]? {
        // list(tqdm(x)) and comprehensions: all items at once, counted at once.
        guard let it = iterable else { throw LangError.typeError("'NoneType' object is not iterable") }
        let items = try interp.iterate(it)
        update(items.count)
        close()
        return items
    }

    func length(_ interp: Interpreter) throws -> Int? {
        if let total { return total }
        throw LangError.typeError("object of type 'tqdm' has no len()")
    }

    func enter(_ interp: Interpreter) throws -> Value? { .object(self) }
    func exit(_ interp: Interpreter) throws { close() }

    // MARK: attributes

    static func postfixText(_ ordered: Value?, _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> String {
        var pairs: [(String, Value)] = []
        if let ordered, !ordered.isNone {
            guard case .dict(let d) = ordered else {
                throw LangError.typeError("'\(ordered.typeName)' object is not iterable")
            }
            for (k, v) in zip(d.keys, d.values) { pairs.append((try interp.str(k), v)) }
        }
        for (k, v) in kwargs.sorted(by: { $0.0 < $1.0 }) {  // tqdm sorts keyword postfixes
            if let i = pairs.firstIndex(where: { $0.0 == k }) { pairs[i].1 = v } else { pairs.append((k, v)) }
        }
        return try pairs.map { key, value in
            let text: String
            switch value {
            case .int, .float, .bool: text = TqdmMeter.number(value)
            default: text = try interp.str(value)
            }
            return key + "=" + text.trimmingCharacters(in: .whitespaces)
        }.joined(separator: ", ")
    }

    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        func method(_ body: @escaping ([Value], [(String, Value)], Interpreter) throws -> Value) -> Value {
            .builtin(Builtin("tqdm.\(name)", body))
        }
        switch name {
        case "n": return .int(Int64(n))
        case "total": return total.map { .int(Int64($0)) } ?? .none
        case "desc": return .str(desc)
        case "postfix": return postfix.isEmpty ? .none : .str(postfix)
        case "update":
            return method { args, kwargs, _ in
                let a = try Arguments("update", ["n"], args, kwargs)
                self.update(try a.int("n", default: 1))
                return .none
            }
        case "set_postfix":
            return method { args, kwargs, interp in
                let named = kwargs.filter { $0.0 != "refresh" && $0.0 != "ordered_dict" }
                let ordered = kwargs.first { $0.0 == "ordered_dict" }?.1 ?? args.first
                if args.count > 2 { throw LangError.typeError("set_postfix() takes from 1 to 3 positional arguments but \(args.count + 1) were given") }
                self.postfix = try ProgressBar.postfixText(ordered, named, interp)
                self.draw(force: true)
                return .none
            }
        case "set_postfix_str":
            return method { args, kwargs, interp in
                let a = try Arguments("set_postfix_str", ["s", "refresh"], args, kwargs)
                self.postfix = try a["s"].map { try interp.str($0) } ?? ""
                self.draw(force: true)
                return .none
            }
        case "set_description", "set_description_str":
            return method { args, kwargs, interp in
                let a = try Arguments(name, ["desc", "refresh"], args, kwargs)
                let text = try a["desc"].map { try interp.str($0) } ?? ""
                // set_description appends ': ' (tqdm stores it in desc); set_description_str does not.
                self.desc = name == "set_description" && !text.isEmpty ? text + ": " : text
                self.draw(force: true)
                return .none
            }
        case "refresh":
            return method { _, _, _ in self.draw(force: true); return .none }
        case "close":
            return method { _, _, _ in self.close(); return .none }
        case "write":
            return method { args, kwargs, interp in
                let a = try Arguments("write", ["s", "file", "end", "nolock"], required: 1, args, kwargs)
                let end = try a["end"].map { try $0.asString(what: "write(): end") } ?? "\n"
                interp.output(try interp.str(a.values["s"] ?? .none) + end)
                return .none
            }
        default: return nil
        }
    }

    var attributeNames: [String] {
        ["n", "total", "desc", "postfix", "update", "set_postfix", "set_postfix_str", "set_description", "set_description_str",
         "refresh", "close", "write"]
    }
    var keywordNames: [String] { TqdmBinding.parameters }
}
