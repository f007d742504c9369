// The element types a tensor can hold, their names as PyTorch prints them, and PyTorch's promotion rules.

/// A tensor element type, mirroring `torch.float32`, `torch.float64`, `torch.int64` and `torch.bool`.
public enum DType: Int, Sendable, CaseIterable, Comparable {
    case bool = 0
    case int64 = 1
    case float32 = 2
    case float64 = 3

    /// The default floating dtype, as `torch.get_default_dtype()`.
    public static let defaultFloat: DType = .float32

    /// `torch.float32` and friends: the name PyTorch prints.
    public var torchName: String {
        switch self {
        case .bool: return "torch.bool"
        case .int64: return "torch.int64"
        case .float32: return "torch.float32"
        case .float64: return "torch.float64"
        }
    }

    /// The short name used in messages (`Float`, `Double`, `Long`, `Bool`), as PyTorch's scalar type names.
    public var scalarTypeName: String {
        switch self {
        case .bool: return "Bool"
        case .int64: return "Long"
        case .float32: return "Float"
        case .float64: return "Double"
        }
    }

    public var itemSize: Int {
        switch self {
        case .bool: return 1
        case .int64, .float64: return 8
        case .float32: return 4
        }
    }

    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }
    public var isIntegral: Bool { self == .int64 || self == .bool }

    /// Category used by type promotion: bool < integer < floating.
    var category: Int {
        switch self {
        case .bool: return 0
        case .int64: return 1
        case .float32, .float64: return 2
        }
    }

    public static func < (a: DType, b: DType) -> Bool { a.rawValue < b.rawValue }

    /// Plain promotion of two dtypes (`torch.promote_types`).
    public static func promote(_ a: DType, _ b: DType) -> DType { max(a, b) }

    /// Parses names such as `float32`, `torch.float`, `long`, `double`.
    public init?(name: String) {
        let n = name.hasPrefix("torch.") ? String(name.dropFirst(6)) : name
        switch n {
        case "float32", "float": self = .float32
        case "float64", "double": self = .float64
        case "int64", "long": self = .int64
        case "bool": self = .bool
        default: return nil
        }
    }
}

/// How an operand takes part in type promotion (`torch.result_type`): a tensor with dimensions,
/// a zero-dimensional tensor, or a wrapped Python number. Higher kinds only win with a higher category.
public enum PromotionKind: Int, Sendable {
    case dimensioned = 0, zeroDim = 1, wrappedNumber = 2
}

extension DType {
    /// `torch.result_type` over operands given as (dtype, kind) pairs.
    public static func resultType(_ operands: [(DType, PromotionKind)]) -> DType {
        var best: [DType?] = [nil, nil, nil]
        for (dtype, kind) in operands {
            if let current = best[kind.rawValue] {
                best[kind.rawValue] = promote(current, dtype)
            } else {
                best[kind.rawValue] = dtype
            }
        }
        var result: DType? = best[0]
        for kind in 1...2 {
            guard let candidate = best[kind] else { continue }
            guard let r = result else { result = candidate; continue }
            if candidate.category > r.category {
                // A wrapped float promotes an integer tensor to the default dtype, not to float64.
                if kind == PromotionKind.wrappedNumber.rawValue && candidate.isFloatingPoint {
                    result = .defaultFloat
                } else if kind == PromotionKind.wrappedNumber.rawValue && candidate == .int64 {
                    result = .int64
                } else {
                    result = candidate
                }
            }
        }
        return result ?? .float32
    }
}
