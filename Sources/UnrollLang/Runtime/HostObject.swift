// The protocol Swift-backed values (tensors, modules, optimizers, generators...) implement to live in the language.

/// A Swift object exposed to the language as `.object(...)`. Every hook has a default meaning
/// "not supported", so a binding implements only what its type needs; attribute and method tables
/// are usually dictionaries of closures consulted in `getAttribute`.
public protocol HostObject: AnyObject {
    /// Python's `type(x).__name__` (e.g. `Tensor`, `RNN`).
    var typeName: String { get }
    /// Python's `repr(x)`; also what the REPL echoes.
    func repr(_ interp: Interpreter) throws -> String
    /// Python's `str(x)` (print); defaults to `repr`.
    func str(_ interp: Interpreter) throws -> String
    /// `x.name`; return nil when there is no such attribute (the interpreter raises AttributeError).
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value?
    /// `x.name = value`; return false when the object does not accept it (AttributeError).
    func setAttribute(_ name: String, _ value: Value, _ interp: Interpreter) throws -> Bool
    /// `x(...)`; return nil when the object is not callable.
    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value?
    /// `x[key]`; nil when not subscriptable.
    func getItem(_ key: Value, _ interp: Interpreter) throws -> Value?
    /// `x[key] = value`; false when item assignment is not supported.
    func setItem(_ key: Value, _ value: Value, _ interp: Interpreter) throws -> Bool
    /// The elements `for` walks; nil when not iterable.
    func iterate(_ interp: Interpreter) throws -> [Value]?
    /// `x op other` (or `other op x` when `reflected`); nil means NotImplemented.
    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool, _ interp: Interpreter) throws -> Value?
    /// `-x`, `+x`, `~x`; nil means unsupported.
    func unary(_ op: UnaryOperator, _ interp: Interpreter) throws -> Value?
    /// `len(x)`; nil when the object has no length.
    func length(_ interp: Interpreter) throws -> Int?
    /// `bool(x)`; nil means "always true" (Python's default for objects).
    func truthiness(_ interp: Interpreter) throws -> Bool?
    /// Names offered by tab completion after `x.`.
    var attributeNames: [String] { get }
    /// Keyword parameter names offered by completion inside `x(`.
    var keywordNames: [String] { get }
    /// `__enter__`/`__exit__` of a `with` statement; false when not a context manager.
    func enter(_ interp: Interpreter) throws -> Value?
    func exit(_ interp: Interpreter) throws
    /// `float(x)` / `int(x)` conversions; nil when not convertible.
    func toDouble(_ interp: Interpreter) throws -> Double?
    /// The Python number this object stands for (numpy scalars, via `__index__`/`__format__`); nil for most objects.
    func numberValue() throws -> Value?
    /// Python's `isinstance(v, x)` when `x` is a host class; nil if `x` is not a class.
    func isInstance(_ value: Value) -> Bool?
}

public extension HostObject {
    func str(_ interp: Interpreter) throws -> String { try repr(interp) }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? { nil }
    func setAttribute(_ name: String, _ value: Value, _ interp: Interpreter) throws -> Bool { false }
    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? { nil }
    func getItem(_ key: Value, _ interp: Interpreter) throws -> Value? { nil }
    func setItem(_ key: Value, _ value: Value, _ interp: Interpreter) throws -> Bool { false }
    func iterate(_ interp: Interpreter) throws -> [Value]? { nil }
    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool, _ interp: Interpreter) throws -> Value? { nil }
    func unary(_ op: UnaryOperator, _ interp: Interpreter) throws -> Value? { nil }
    func length(_ interp: Interpreter) throws -> Int? { nil }
    func truthiness(_ interp: Interpreter) throws -> Bool? { nil }
    var attributeNames: [String] { [] }
    var keywordNames: [String] { [] }
    func enter(_ interp: Interpreter) throws -> Value? { nil }
    func exit(_ interp: Interpreter) throws {}
    func toDouble(_ interp: Interpreter) throws -> Double? { nil }
    func numberValue() throws -> Value? { nil }
    func isInstance(_ value: Value) -> Bool? { nil }
}

/// A host class that user classes may derive from, e.g. `nn.Module` in `class Net(nn.Module):`.
///
/// The interpreter drives a user subclass through these hooks:
/// 1. **Creation.** `Net(...)` makes an `Instance` and calls ``makeBacking(for:className:_:)`` once,
///    before the user's `__init__` runs; the result is stored in `Instance.backing`.
///    `super().__init__()` (and `super(Net, self).__init__()`) then calls ``initialize(_:args:kwargs:_:)``.
/// 2. **Attribute assignment.** `self.x = value` first goes to the backing's
///    `HostObject.setAttribute(_:_:_:)`; if it returns true (e.g. nn.Module registering a submodule or
///    parameter, in definition order) the value lives in the backing; otherwise it is stored on the instance.
/// 3. **Attribute lookup.** `self.x` checks the instance's own attributes, then the user class (methods
///    bound to the instance), then the backing's `getAttribute` (so `net.parameters()` works).
/// 4. **Calls.** `net(x)` calls the user class's `__call__` if defined, else the backing's
///    `call` (nn.Module's hook runs `forward`), else the user's `forward` directly. A backing that wants
///    to run the user's `forward` itself calls `interp.callMethod(instance, "forward", args, kwargs)`.
/// 5. **Printing.** `repr(net)` uses a user `__repr__` if defined, else the backing's `repr`.
public protocol HostClass: HostObject {
    /// The class name shown in errors and `isinstance` (e.g. `Module`).
    var className: String { get }
    /// Creates the Swift object that backs a new instance of user class `className`.
    func makeBacking(for instance: Instance, className: String, _ interp: Interpreter) throws -> any HostObject
    /// Runs the host class's `__init__` for `super().__init__(...)`; the default does nothing.
    func initialize(_ instance: Instance, args: [Value], kwargs: [(String, Value)], _ interp: Interpreter) throws
}

public extension HostClass {
    func initialize(_ instance: Instance, args: [Value], kwargs: [(String, Value)], _ interp: Interpreter) throws {}
}
