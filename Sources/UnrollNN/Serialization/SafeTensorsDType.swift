// The safetensors dtype codes Unroll reads and writes, and the reference writer's ordering of them.
import UnrollTensor

/// The `"dtype"` field of a safetensors header entry, for the four dtypes a tensor can have.
enum SafeTensorsDType {
    static func code(_ dtype: DType) -> String {
        switch dtype {
        case .float32: return "F32"
        case .float64: return "F64"
        case .int64: return "I64"
        case .bool: return "BOOL"
        }
    }

    static func dtype(_ code: String) -> DType? {
        switch code {
        case "F32": return .float32
        case "F64": return .float64
        case "I64": return .int64
        case "BOOL": return .bool
        default: return nil
        }
    }

    /// Every code the reference format defines, so an unsupported one is told apart from a typo.
    static let knownButUnsupported: Set<String> = [
        "F4", "F6_E2M3", "F6_E3M2", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "I16", "U16", "F16", "BF16",
        "I32", "U32", "C64", "U64",
    ]

    /// Position in the reference `Dtype` enum (BOOL < ... < F32 < C64 < F64 < I64 < U64): the writer lays
    /// tensors out by this rank, highest first, then by name, so the file is byte-identical to `save_file`'s.
    static func rank(_ dtype: DType) -> Int {
        switch dtype {
        case .bool: return 0
        case .float32: return 15
        case .float64: return 17
        case .int64: return 18
        }
    }
}
