// Loads the PyTorch-generated random fixtures and turns tensors into the exact strings they store.
import Foundation
@testable import UnrollTensor

enum RandomFixtures {
    /// Tests/Fixtures/random, found by walking up from this file.
    static var directory: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("Fixtures/random")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: "Tests/Fixtures/random")
    }

    static func load(_ name: String) throws -> Any {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data)
    }

    /// The stored form of every element: hex floats (exact), decimal integers, 0/1 for bools.
    static func strings(_ t: Tensor) -> [String] {
        switch t.dtype {
        case .float32: return t.toArray(Float.self).map { hex(Double($0)) }
        case .float64: return t.toArray(Double.self).map(hex)
        case .int64: return t.toArray(Int64.self).map { String($0) }
        case .bool: return t.toArray(Bool.self).map { $0 ? "1" : "0" }
        }
    }

    /// Python's `float.hex()` text for a double.
    static func hex(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0x0.0p+0" }
        let bits = value.bitPattern
        var exponent = Int((bits >> 52) & 0x7ff)
        let mantissa = bits & 0x000f_ffff_ffff_ffff
        let lead: String
        if exponent == 0 {
            lead = "0"
            exponent = -1022
        } else {
            lead = "1"
            exponent -= 1023
        }
        var digits = String(mantissa, radix: 16)
        digits = String(repeating: "0", count: 13 - digits.count) + digits
        return "\(sign)0x\(lead).\(digits)p\(exponent >= 0 ? "+" : "")\(exponent)"
    }

    static func dtype(_ step: [String: Any]) -> DType {
        DType(name: step["dtype"] as? String ?? "float32") ?? .float32
    }

    static func int64(_ any: Any?) -> Int64 {
        if let s = any as? String { return Int64(s) ?? 0 }
        if let n = any as? NSNumber { return n.int64Value }
        return 0
    }

    /// A float parameter, stored as Python's `float.hex()` text so it arrives bit-exact.
    static func double(_ any: Any?) -> Double {
        if let text = any as? String { return Double(text) ?? .nan }
        return (any as? NSNumber)?.doubleValue ?? .nan
    }

    static func seed(_ any: Any?) -> UInt64 {
        let text = any as? String ?? ""
        if let u = UInt64(text) { return u }
        return UInt64(bitPattern: Int64(text) ?? 0)
    }
}
