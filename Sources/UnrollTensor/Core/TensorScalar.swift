// The Swift element types behind each dtype and the conversions between them, with PyTorch's casting rules.

/// A Swift type that can be a tensor element: Float, Double, Int64 or Bool.
public protocol TensorScalar: Sendable {
    static var dtype: DType { get }
    init(casting value: Double)
    init(casting value: Int64)
    var doubleValue: Double { get }
    var int64Value: Int64 { get }
}

/// Converts a double to Int64 as PyTorch does on x86: truncation, and NaN or out-of-range to Int64.min.
@inline(__always) public func truncatingInt64(_ value: Double) -> Int64 {
    if value.isNaN || value >= 9.223372036854775807e18 || value < -9.223372036854775808e18 {
        return Int64.min
    }
    return Int64(value.rounded(.towardZero))
}

extension Float: TensorScalar {
    public static var dtype: DType { .float32 }
    @inline(__always) public init(casting value: Double) { self = Float(value) }
    @inline(__always) public init(casting value: Int64) { self = Float(value) }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var int64Value: Int64 { truncatingInt64(Double(self)) }
}

extension Double: TensorScalar {
    public static var dtype: DType { .float64 }
    @inline(__always) public init(casting value: Double) { self = value }
    @inline(__always) public init(casting value: Int64) { self = Double(value) }
    @inline(__always) public var doubleValue: Double { self }
    @inline(__always) public var int64Value: Int64 { truncatingInt64(self) }
}

extension Int64: TensorScalar {
    public static var dtype: DType { .int64 }
    @inline(__always) public init(casting value: Double) { self = truncatingInt64(value) }
    @inline(__always) public init(casting value: Int64) { self = value }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var int64Value: Int64 { self }
}

extension Bool: TensorScalar {
    public static var dtype: DType { .bool }
    @inline(__always) public init(casting value: Double) { self = value != 0 }
    @inline(__always) public init(casting value: Int64) { self = value != 0 }
    @inline(__always) public var doubleValue: Double { self ? 1 : 0 }
    @inline(__always) public var int64Value: Int64 { self ? 1 : 0 }
}

/// A Python-style scalar as it crosses into the library: what `item()` returns and what ops accept.
public enum Scalar: Sendable, Equatable, CustomStringConvertible {
    case int(Int64)
    case double(Double)
    case bool(Bool)

    public var doubleValue: Double {
        switch self {
        case .int(let v): return Double(v)
        case .double(let v): return v
        case .bool(let v): return v ? 1 : 0
        }
    }

    public var int64Value: Int64 {
        switch self {
        case .int(let v): return v
        case .double(let v): return truncatingInt64(v)
        case .bool(let v): return v ? 1 : 0
        }
    }

    /// The dtype a wrapped Python number of this kind carries into promotion.
    public var dtype: DType {
        switch self {
        case .int: return .int64
        case .double: return .float64
        case .bool: return .bool
        }
    }

    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v): return String(v)
        case .bool(let v): return v ? "True" : "False"
        }
    }
}
