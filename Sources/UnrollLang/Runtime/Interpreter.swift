// The tree-walking interpreter: frames, name lookup and statement execution.
import Foundation
import Synchronization
import UnrollTensor

/// A thread-safe flag another thread sets (Ctrl-C) and the interpreter polls between statements.
/// An atomic rather than a lock: it is read before every statement and loop iteration.
public final class InterruptFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    public init() {}
    public func raise() { raised.store(true, ordering: .releasing) }
    /// Returns whether the flag was raised and lowers it.
    public func take() -> Bool {
        guard raised.load(ordering: .relaxed) else { return false }
        return raised.exchange(false, ordering: .acquiringAndReleasing)
    }
    public var isRaised: Bool { raised.load(ordering: .acquiring) }
    /// A cheap pre-check for the interpreter's hot loop; `take()` confirms.
    @inline(__always)
    var mightBeRaised: Bool { raised.load(ordering: .relaxed) }
}

/// Local variables of one function call (the module level uses the interpreter's globals instead).
/// A function call keeps its locals in slots laid out by `LocalResolver`; a class body, which has no
/// layout, keeps them in a dictionary.
final class Frame {
    /// The slots, allocated once per call; every access checks the index against `slotCount` (a buffer
    /// rather than an array so storing a local needs no copy-on-write uniqueness check).
    private let slotBase: UnsafeMutablePointer<Value?>
    let slotCount: Int
    var locals: [String: Value] = [:]
    let layout: LocalLayout?
    let function: Function?
    let isModule: Bool
    init(function: Function?, isModule: Bool) {
        self.function = function
        self.isModule = isModule
        layout = function?.definition.layout
        slotCount = layout?.names.count ?? 0
        slotBase = .allocate(capacity: max(slotCount, 1))
        slotBase.initialize(repeating: nil, count: slotCount)
    }

    deinit {
        slotBase.deinitialize(count: slotCount)
        slotBase.deallocate()
    }

    /// The value in slot `i`; nil when unbound or out of range.
    @inline(__always)
    func slot(_ i: Int) -> Value? {
        i >= 0 && i < slotCount ? slotBase[i] : nil
    }

    /// Stores into slot `i`; false when `i` is out of range (the caller falls back to names).
    @inline(__always)
    func setSlot(_ i: Int, _ value: Value) -> Bool {
        guard i >= 0 && i < slotCount else { return false }
        slotBase[i] = value
        return true
    }

    private func clearSlot(_ i: Int) { slotBase[i] = nil }

    /// `b.value` where `b` is the local in slot `i` holding a user instance and the attribute
    /// expression's cache applies; nil otherwise (the caller takes the general path). Reads the local in
    /// place rather than copying it out.
    @inline(never)
    func cachedAttribute(ofSlot i: Int, _ expr: Expr) -> Value? {
        guard i >= 0 && i < slotCount, case .instance(let inst)? = slotBase[i] else { return nil }
        return inst.attributes.cachedValue(expr)
    }

    /// `b.value = value` the same way: returns the value replaced when it stored, nil when it did not.
    @inline(never)
    func replaceCachedAttribute(ofSlot i: Int, _ expr: Expr, _ value: Value) -> Value? {
        guard i >= 0 && i < slotCount, case .instance(let inst)? = slotBase[i], inst.backing == nil else { return nil }
        return inst.attributes.replaceCached(expr, value)
    }

    func local(_ name: String) -> Value? {
        if let layout, let i = layout.index[name] { return slot(i) }
        return locals[name]
    }

    func setLocal(_ name: String, _ value: Value) {
        if let layout, let i = layout.index[name], setSlot(i, value) { return }
        locals[name] = value
    }

    /// Removes a local; false when it had no value.
    func removeLocal(_ name: String) -> Bool {
        if let layout, let i = layout.index[name], i < slotCount {
            defer { clearSlot(i) }
            return slot(i) != nil
        }
        return locals.removeValue(forKey: name) != nil
    }

    /// Names with a value, for "did you mean" hints.
    var boundNames: [String] {
        (layout.map { l in l.names.indices.filter { slot($0) != nil }.map { l.names[$0] } } ?? []) + Array(locals.keys)
    }

    /// A parameter's value by its slot (`FunctionDefinition.parameterSlots`), by name when it has none.
    @inline(__always)
    func parameter(_ slot: Int, _ name: String) -> Value? {
        if slot >= 0 && slot < slotCount { return self.slot(slot) }
        return local(name)
    }

    @inline(__always)
    func setParameter(_ slot: Int, _ name: String, _ value: Value) {
        if !setSlot(slot, value) { setLocal(name, value) }
    }
}

enum Flow {
    case normal, breakLoop, continueLoop
    case returned(Value)
}

/// Runs parsed code. One interpreter is one session's state: globals, output sink, limits.
public final class Interpreter {
    /// Where `print` and echoes go.
    public let output: (String) -> Void
    public let interruptFlag = InterruptFlag()
    var globals: [String: Value] = [:]
    var globalOrder: [String] = []
    var builtins: [String: Value] = [:]
    var loadedModules: [String: Namespace] = [:]
    var callDepth = 0
    /// Python's default recursion limit.
    public var recursionLimit = 1000
    /// Optional cap on statements and loop iterations per run (fuzzing and time-limited cells); nil is unlimited.
    public var stepBudget: Int?
    var stepsTaken = 0
    /// Source lines of the code being run, for carets under errors.
    var sourceLines: [Substring] = []
    let moduleFrame = Frame(function: nil, isModule: true)
    let warnings = WarningState()

    public init(output: @escaping (String) -> Void) {
        self.output = output
        _ = StandardModules.install
        installBuiltins()
    }

    // MARK: names

    public func global(_ name: String) -> Value? { globals[name] }
    public func setGlobal(_ name: String, _ value: Value) {
        if globals.updateValue(value, forKey: name) == nil { globalOrder.append(name) }
    }
    func removeGlobal(_ name: String) {
        globals.removeValue(forKey: name)
        globalOrder.removeAll { $0 == name }
    }
    var orderedGlobals: [(name: String, value: Value)] {
        globalOrder.compactMap { n in globals[n].map { (n, $0) } }
    }

    func lookup(_ name: String, _ frame: Frame) throws -> Value {
        if !frame.isModule, let v = frame.local(name) { return v }
        if !frame.isModule, frame.layout?.index[name] != nil {
            throw LangError("UnboundLocalError", "cannot access local variable '\(name)' where it is not associated with a value")
        }
        if let v = globals[name] { return v }
        if let v = builtins[name] { return v }
        var candidates = Array(globals.keys) + Array(builtins.keys)
        if !frame.isModule { candidates += frame.boundNames }
        var hint: String?
        if let close = closestName(to: name, in: candidates) { hint = "Did you mean: '\(close)'?" }
        else if ["torch", "nn", "optim", "F", "np", "plt", "pd"].contains(name) {
            hint = name == "nn" ? "Did you forget to import it? Try 'import torch.nn as nn' or 'from torch import nn'."
                : name == "F" ? "Did you forget to import it? Try 'import torch.nn.functional as F'."
                : "Did you forget to import it? Try 'import \(name)'."
        }
        throw LangError("NameError", "name '\(name)' is not defined", hint: hint)
    }

    func assignName(_ name: String, _ value: Value, _ frame: Frame) {
        if frame.isModule { setGlobal(name, value) } else { frame.setLocal(name, value) }
    }

    // MARK: running

    /// Runs statements at module level; expression statements echo their repr when `echo` is set.
    func runModule(_ statements: [Stmt], echo: Bool) throws {
        // Python's interactive ('single') mode echoes every expression statement outside function bodies,
        // also inside for/if/with blocks; `echoing` carries that into nested blocks.
        let savedEcho = echoing
        echoing = echo
        defer { echoing = savedEcho }
        for statement in statements {
            if echo, case .expression(let e) = statement.kind {
                try checkInterrupt()
                let v = try withRange(statement.range) { try eval(e, moduleFrame) }
                if !v.isNone {
                    output(try repr(v) + "\n")
                    setGlobalQuietly("_", v)
                }
                continue
            }
            switch try exec(statement, moduleFrame) {
            case .normal: break
            case .breakLoop: throw LangError.syntax("'break' outside loop", statement.range)
            case .continueLoop: throw LangError.syntax("'continue' not properly in loop", statement.range)
            case .returned: throw LangError.syntax("'return' outside function", statement.range)
            }
        }
    }

    /// True while running REPL input, where expression statements echo (see `runModule`).
    var echoing = false

    private func setGlobalQuietly(_ name: String, _ value: Value) { builtins[name] = value }

    /// Polled before every statement and loop iteration: one relaxed atomic load when nothing is pending.
    @inline(__always)
    func checkInterrupt() throws {
        if stepBudget != nil || interruptFlag.mightBeRaised { try checkInterruptSlow() }
    }

    @inline(never)
    private func checkInterruptSlow() throws {
        if interruptFlag.take() { throw LangError("KeyboardInterrupt", "") }
        if let budget = stepBudget {
            stepsTaken += 1
            if stepsTaken > budget { throw LangError("RuntimeError", "step budget of \(budget) statements exceeded") }
        }
    }

    /// Attaches `range` (and its source line) to errors raised without one; maps tensor errors.
    @inline(__always)
    func withRange<T>(_ range: SourceRange, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as LangError {
            if error.range != nil { throw error }
            throw located(error, range)
        } catch let error as TensorError {
            throw located(LangError(error.kind.rawValue, error.message, hint: error.hint), range)
        }
    }

    func located(_ error: LangError, _ range: SourceRange) -> LangError {
        var e = error
        e.range = range
        let index = range.line - 1
        if index >= 0 && index < sourceLines.count { e.sourceLine = String(sourceLines[index]) }
        return e
    }

    func execBlock(_ body: [Stmt], _ frame: Frame) throws -> Flow {
        var i = 0
        while i < body.count {
            let flow = try exec(body[i], frame)
            if case .normal = flow { i += 1; continue }
            return flow
        }
        return .normal
    }

    /// `execBlock` over a body's unretained statements (`Stmt.unretainedBody`): the same statements, kept
    /// alive by the tree that owns the array, run without retaining each one.
    func execBlock(_ body: [Unmanaged<Stmt>], _ frame: Frame) throws -> Flow {
        var i = 0
        while i < body.count {
            let flow = try body[i]._withUnsafeGuaranteedRef { try exec($0, frame) }
            if case .normal = flow { i += 1; continue }
            return flow
        }
        return .normal
    }

    func exec(_ statement: Stmt, _ frame: Frame) throws -> Flow {
        try checkInterrupt()
        return try withRange(statement.range) { try execKind(statement, frame) }
    }

    /// The statements that run inside hot loops inline; the rest in `execOther`, kept out of line.
    private func execKind(_ statement: Stmt, _ frame: Frame) throws -> Flow {
        switch statement.kind {
        case .assign(let targets, let valueExpr):
            let value = try eval(valueExpr, frame)
            if let target = statement.unretainedTarget {
                try target._withUnsafeGuaranteedRef { try assign($0, value, frame) }
            } else {
                for t in targets { try assign(t, value, frame) }
            }
        case .ifElse(let branches, let otherwise):
            for (test, body) in branches where try truthy(try eval(test, frame)) {
                return try execBlock(body, frame)
            }
            if let body = otherwise { return try execBlock(body, frame) }
        case .returnValue(let e):
            if frame.isModule { throw LangError.syntax("'return' outside function", statement.range) }
            return .returned(try e.map { try eval($0, frame) } ?? .none)
        case .expression(let e):
            let v = try eval(e, frame)
            if echoing && frame.isModule && !v.isNone { try echo(v) }
        case .augmentedAssign(let target, let op, let valueExpr):
            try augmentedAssign(target, op, valueExpr, frame)
        case .breakLoop: return .breakLoop
        case .continueLoop: return .continueLoop
        case .pass: break
        default:
            return try execOther(statement, frame)
        }
        return .normal
    }

    @inline(never)
    private func echo(_ v: Value) throws {
        output(try repr(v) + "\n")
        setGlobalQuietly("_", v)
    }

    @inline(never)
    private func execOther(_ statement: Stmt, _ frame: Frame) throws -> Flow {
        switch statement.kind {
        case .assign, .ifElse, .returnValue, .expression, .augmentedAssign, .breakLoop, .continueLoop, .pass:
            return try execKind(statement, frame)
        case .whileLoop(let test, _):
            let body = statement.unretainedBody
            while try truthy(try eval(test, frame)) {
                try checkInterrupt()
                switch try execBlock(body, frame) {
                case .breakLoop: return .normal
                case .returned(let v): return .returned(v)
                default: continue
                }
            }
        case .forLoop(let target, let iterableExpr, let body):
            let iterable = try eval(iterableExpr, frame)
            if case .range(let start, let stop, let step) = iterable, case .name(let name) = target.kind {
                let body = statement.unretainedBody
                var i = start
                while step > 0 ? i < stop : i > stop {
                    try checkInterrupt()
                    if !frame.setSlot(target.slot, .int(i)) { assignName(name, .int(i), frame) }
                    switch try execBlock(body, frame) {
                    case .breakLoop: return .normal
                    case .returned(let v): return .returned(v)
                    default: break
                    }
                    let (next, overflow) = i.addingReportingOverflow(step)
                    if overflow { break }
                    i = next
                }
                return .normal
            }
            // s4-programs: objects that advance one item at a time (tqdm's bar redraws as the loop runs).
            if case .object(let object) = iterable, let stepwise = object as? StepwiseIterable {
                return try runStepwise(stepwise, target, body, frame)
            }
            let unretainedBody = statement.unretainedBody
            for item in try iterate(iterable) {
                try checkInterrupt()
                try assign(target, item, frame)
                switch try execBlock(unretainedBody, frame) {
                case .breakLoop: return .normal
                case .returned(let v): return .returned(v)
                default: continue
                }
            }
        case .function(let definition):
            let defaults = try definition.parameters.map { p in try p.defaultValue.map { try eval($0, frame) } }
            let f = Function(definition: definition, defaults: defaults)
            f.sourceLines = sourceLines
            assignName(definition.name, .function(f), frame)
        case .classDefinition(let name, let baseExprs, let body):
            try defineClass(name, baseExprs, body, frame)
        case .with(let items, let body):
            var entered: [Value] = []
            for (contextExpr, target) in items {
                let context = try eval(contextExpr, frame)
                let value = try enterContext(context)
                entered.append(context)
                if let t = target { try assign(t, value, frame) }
            }
            defer { for c in entered.reversed() { try? exitContext(c) } }
            return try execBlock(body, frame)
        case .assert(let test, let messageExpr):
            if !(try truthy(try eval(test, frame))) {
                let message = try messageExpr.map { try str(try eval($0, frame)) } ?? ""
                throw LangError("AssertionError", message)
            }
        case .delete(let targets):
            for t in targets { try delete(t, frame) }
        case .importModules(let modules):
            for m in modules { try importModule(m.path, alias: m.alias, frame) }
        case .importFrom(let path, let names):
            try importFrom(path, names, frame)
        }
        return .normal
    }

    // MARK: assignment

    func assign(_ target: Expr, _ value: Value, _ frame: Frame) throws {
        switch target.kind {
        case .name(let n):
            if !frame.setSlot(target.slot, value) { assignName(n, value, frame) }
        case .attribute(let objectExpr, let name):
            if objectExpr.slot >= 0, frame.replaceCachedAttribute(ofSlot: objectExpr.slot, target, value) != nil { return }
            let object = try eval(objectExpr, frame)
            // A plain user instance (no host object behind it) takes any attribute; skip the general path.
            if case .instance(let inst) = object, inst.backing == nil {
                inst.setCachedAttribute(name, target, value)
                return
            }
            try withRange(target.range) { try setAttribute(object, name, value) }
        case .index(let objectExpr, let keyExpr):
            let object = try eval(objectExpr, frame)
            let key = try eval(keyExpr, frame)
            try withRange(target.range) { try setItem(object, key, value) }
        case .tuple(let items), .list(let items):
            try withRange(target.range) { try unpack(items, value, frame) }
        case .starred:
            throw LangError.syntax("starred assignment target must be in a list or tuple", target.range)
        default:
            throw LangError.syntax("cannot assign to expression", target.range)
        }
    }

    private func unpack(_ targets: [Expr], _ value: Value, _ frame: Frame) throws {
        let items = try iterate(value)
        if let star = targets.firstIndex(where: { if case .starred = $0.kind { return true }; return false }) {
            let after = targets.count - star - 1
            guard items.count >= targets.count - 1 else {
                throw LangError.valueError("not enough values to unpack (expected at least \(targets.count - 1), got \(items.count))")
            }
            for i in 0..<star { try assign(targets[i], items[i], frame) }
            if case .starred(let inner) = targets[star].kind {
                try assign(inner, .makeList(Array(items[star..<(items.count - after)])), frame)
            }
            for i in 0..<after { try assign(targets[star + 1 + i], items[items.count - after + i], frame) }
            return
        }
        if items.count < targets.count {
            throw LangError.valueError("not enough values to unpack (expected \(targets.count), got \(items.count))")
        }
        if items.count > targets.count {
            throw LangError.valueError("too many values to unpack (expected \(targets.count))")
        }
        for (t, v) in zip(targets, items) { try assign(t, v, frame) }
    }

    private func augmentedAssign(_ target: Expr, _ op: BinaryOperator, _ valueExpr: Expr, _ frame: Frame) throws {
        switch target.kind {
        case .name(let n):
            let current = try lookup(n, frame)
            let value = try eval(valueExpr, frame)
            assignName(n, try inPlaceBinary(op, current, value), frame)
        case .attribute(let objectExpr, let name):
            let object = try eval(objectExpr, frame)
            let current = try getAttribute(object, name)
            let value = try eval(valueExpr, frame)
            try setAttribute(object, name, try inPlaceBinary(op, current, value))
        case .index(let objectExpr, let keyExpr):
            let object = try eval(objectExpr, frame)
            let key = try eval(keyExpr, frame)
            let current = try getItem(object, key)
            let value = try eval(valueExpr, frame)
            try setItem(object, key, try inPlaceBinary(op, current, value))
        default:
            throw LangError.syntax("illegal expression for augmented assignment", target.range)
        }
    }

    /// `+=` on a list extends it in place (aliases see it); host objects may define in-place ops via `binary`.
    private func inPlaceBinary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        let inPlaceNames: [BinaryOperator: String] = [.add: "__iadd__", .sub: "__isub__", .mul: "__imul__", .div: "__itruediv__"]
        if case .object(let o) = a, let name = inPlaceNames[op], let method = try o.getAttribute(name, self) {
            return try call(method, [b], [])
        }
        if op == .add, case .list(let box) = a {
            box.items.append(contentsOf: try iterate(b))
            return a
        }
        return try binary(op, a, b)
    }

    private func delete(_ target: Expr, _ frame: Frame) throws {
        switch target.kind {
        case .name(let n):
            if frame.isModule {
                guard globals[n] != nil else { throw LangError("NameError", "name '\(n)' is not defined") }
                removeGlobal(n)
            } else {
                guard frame.removeLocal(n) else {
                    throw LangError("UnboundLocalError", "cannot access local variable '\(n)' where it is not associated with a value")
                }
            }
        case .index(let objectExpr, let keyExpr):
            let object = try eval(objectExpr, frame)
            let key = try eval(keyExpr, frame)
            try deleteItem(object, key)
        case .attribute(let objectExpr, let name):
            let object = try eval(objectExpr, frame)
            guard case .instance(let inst) = object, inst.attributes.removeValue(forKey: name) != nil else {
                throw LangError.attributeError("'\(object.typeName)' object has no attribute '\(name)'")
            }
        case .tuple(let items), .list(let items):
            for i in items { try delete(i, frame) }
        default:
            throw LangError.syntax("cannot delete expression", target.range)
        }
    }

    private func deleteItem(_ object: Value, _ key: Value) throws {
        switch object {
        case .list(let box):
            if case .slice = key {
                let indices = try sliceIndices(key, count: box.items.count)
                let remove = Set(indices)
                box.items = box.items.enumerated().filter { !remove.contains($0.offset) }.map(\.element)
                return
            }
            let i = try normalizedIndex(key, count: box.items.count, what: "list assignment")
            box.items.remove(at: i)
        case .dict(let d):
            guard try d.remove(key) != nil else { throw LangError("KeyError", try repr(key)) }
        default:
            throw LangError.typeError("'\(object.typeName)' object doesn't support item deletion")
        }
    }

    // MARK: with

    private func enterContext(_ context: Value) throws -> Value {
        if case .object(let o) = context, let v = try o.enter(self) { return v }
        if case .instance = context, let enter = try? getAttribute(context, "__enter__") {
            return try call(enter, [], [])
        }
        throw LangError.typeError("'\(context.typeName)' object does not support the context manager protocol")
    }

    private func exitContext(_ context: Value) throws {
        if case .object(let o) = context { try o.exit(self); return }
        if case .instance = context, let exit = try? getAttribute(context, "__exit__") {
            _ = try call(exit, [.none, .none, .none], [])
        }
    }
}
