// The abstract syntax tree: expressions and statements, each node carrying its source span.

/// Binary operators, including comparisons (so host objects handle both through one hook).
public enum BinaryOperator: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", floorDiv = "//", mod = "%", pow = "**", matmul = "@"
    case bitAnd = "&", bitOr = "|", bitXor = "^", lshift = "<<", rshift = ">>"
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
}

public enum UnaryOperator: String, Sendable {
    case neg = "-", pos = "+", invert = "~"
}

enum CompareOperator: Sendable {
    case binary(BinaryOperator)
    case isSame, isNot, isIn, notIn
}

struct CallArgument {
    var name: String?
    var value: Expr
    var starred = false
}

struct Comprehension {
    var target: Expr
    var iterable: Expr
    var conditions: [Expr]
}

final class Expr {
    indirect enum Kind {
        case name(String)
        case constant(Value)
        case list([Expr])
        case tuple([Expr])
        case dict([(Expr, Expr)])
        case binary(BinaryOperator, Expr, Expr)
        case unary(UnaryOperator, Expr)
        case not(Expr)
        case and(Expr, Expr)
        case or(Expr, Expr)
        case compare(Expr, [(CompareOperator, Expr)])
        case conditional(test: Expr, then: Expr, otherwise: Expr)
        case call(Expr, [CallArgument])
        case attribute(Expr, String)
        case index(Expr, Expr)
        case slice(Expr?, Expr?, Expr?)
        case listComprehension(Expr, [Comprehension])
        case dictComprehension(Expr, Expr, [Comprehension])
        case fstring([FStringPiece])
        case starred(Expr)
    }
    let kind: Kind
    let range: SourceRange
    /// For a name inside a function body that refers to one of its locals: the local's slot in the frame
    /// (set once by `LocalResolver`); -1 for globals, builtins and module-level code.
    var slot = -1
    /// For an attribute expression: the attribute shape of the instance it last saw and where its name was
    /// in that shape (-1: not an instance attribute), so the next evaluation skips the name search.
    var cachedShape: AttributeShape?
    var cachedPosition = -1

    init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

enum FStringPiece {
    case literal(String)
    case field(Expr, conversion: Character?, spec: String)
}

struct Parameter {
    var name: String
    var defaultValue: Expr?
}

final class FunctionDefinition {
    let name: String
    let parameters: [Parameter]
    let body: [Stmt]
    /// The function's locals, resolved on first call (see `LocalResolver`).
    lazy var layout: LocalLayout = LocalResolver.layout(for: self)
    /// Each parameter's slot in `layout` (-1 if it has none), so calls bind arguments without hashing names.
    lazy var parameterSlots: [Int] = parameters.map { layout.index[$0.name] ?? -1 }
    /// `body`, unretained (see `Stmt.unretainedBody`).
    let unretainedBody: [Unmanaged<Stmt>]
    init(name: String, parameters: [Parameter], body: [Stmt]) {
        self.name = name
        self.parameters = parameters
        self.body = body
        unretainedBody = body.map { Unmanaged.passUnretained($0) }
    }
}

final class Stmt {
    indirect enum Kind {
        case expression(Expr)
        case assign(targets: [Expr], value: Expr)
        case augmentedAssign(Expr, BinaryOperator, Expr)
        case ifElse([(Expr, [Stmt])], otherwise: [Stmt]?)
        case whileLoop(Expr, [Stmt])
        case forLoop(target: Expr, iterable: Expr, body: [Stmt])
        case breakLoop
        case continueLoop
        case pass
        case function(FunctionDefinition)
        case classDefinition(name: String, bases: [Expr], body: [Stmt])
        case returnValue(Expr?)
        case with([(Expr, Expr?)], [Stmt])
        case assert(Expr, Expr?)
        case delete([Expr])
        case importModules([(path: [String], alias: String?)])
        case importFrom(path: [String], names: [(name: String, alias: String?)])
    }
    let kind: Kind
    let range: SourceRange
    /// The same references `kind` holds strongly, unretained, for the interpreter's per-iteration path
    /// (reading a class reference out of an array or enum payload retains it; these are trivial to copy).
    /// `x = value` with one target: the target.
    let unretainedTarget: Unmanaged<Expr>?
    /// `for` and `while`: the body.
    let unretainedBody: [Unmanaged<Stmt>]

    init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
        switch kind {
        case .assign(let targets, _) where targets.count == 1:
            unretainedTarget = Unmanaged.passUnretained(targets[0])
            unretainedBody = []
        case .forLoop(_, _, let body), .whileLoop(_, let body):
            unretainedTarget = nil
            unretainedBody = body.map { Unmanaged.passUnretained($0) }
        default:
            unretainedTarget = nil
            unretainedBody = []
        }
    }
}
