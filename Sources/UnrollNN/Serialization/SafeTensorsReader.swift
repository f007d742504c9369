// Decodes and validates safetensors bytes; every malformed or hostile input becomes a SafeTensorsError, never a crash.
import Foundation
import UnrollTensor

/// What a safetensors file holds: tensors in data order (as `load_file` returns them) and the optional metadata.
public struct SafeTensorsContents {
    public var tensors: [(String, Tensor)]
    public var metadata: [String: String]?

    /// The tensors as a state dict, in file order.
    public var stateDict: StateDict { StateDict(tensors) }
}

/// One tensor's header entry as written in the file.
struct SafeTensorsEntry: Decodable {
    let dtype: String
    let shape: [Int]
    let data_offsets: [Int]
}

/// The JSON header: `__metadata__` (string to string) and one entry per tensor.
struct SafeTensorsHeader: Decodable {
    var metadata: [String: String]?
    var entries: [(String, SafeTensorsEntry)] = []

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if key.stringValue == "__metadata__" {
                metadata = try container.decode([String: String].self, forKey: key)
            } else {
                entries.append((key.stringValue, try container.decode(SafeTensorsEntry.self, forKey: key)))
            }
        }
    }
}

extension SafeTensors {
    /// Parses a whole safetensors file image, validating it as the reference reader does: header length within
    /// the file and under 100 MB, UTF-8 JSON starting with `{`, known dtypes, offsets that tile the data section
    /// exactly (no gap, no overlap, nothing past the end or left over) and spans that match shape × dtype.
    public static func deserialize(_ bytes: UnsafeRawBufferPointer) throws -> SafeTensorsContents {
        guard bytes.count >= 8 else {
            throw SafeTensorsError.format("HeaderTooSmall: the file has \(bytes.count) bytes, fewer than the 8-byte header length every safetensors file starts with")
        }
        var lengthLE: UInt64 = 0
        withUnsafeMutableBytes(of: &lengthLE) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<8])) }
        let declared = UInt64(littleEndian: lengthLE)
        guard declared <= UInt64(maxHeaderSize) else {
            throw SafeTensorsError.format("HeaderTooLarge: the header length says \(declared) bytes; the limit is \(maxHeaderSize)")
        }
        let headerLength = Int(declared)
        guard 8 + headerLength <= bytes.count else {
            throw SafeTensorsError.format("InvalidHeaderLength: the header length says \(headerLength) bytes but only \(bytes.count - 8) follow it (the file is truncated or not a safetensors file)")
        }
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[8..<(8 + headerLength)])
        guard let headerText = String(validating: headerBytes, as: UTF8.self) else {
            throw SafeTensorsError.format("InvalidHeader: the header is not valid UTF-8")
        }
        guard headerText.hasPrefix("{") else {
            throw SafeTensorsError.format("InvalidHeaderStart: the header must be a JSON object starting with '{'")
        }
        let header: SafeTensorsHeader
        do {
            header = try JSONDecoder().decode(SafeTensorsHeader.self, from: Data(headerBytes))
        } catch let error as DecodingError {
            throw SafeTensorsError.format("InvalidHeaderDeserialization: " + describe(error))
        } catch {
            throw SafeTensorsError.format("InvalidHeaderDeserialization: the header is not valid JSON")
        }
        let data = UnsafeRawBufferPointer(rebasing: bytes[(8 + headerLength)...])
        let validated = try validate(header.entries, dataLength: data.count)
        var tensors: [(String, Tensor)] = []
        tensors.reserveCapacity(validated.count)
        for (name, dtype, shape, begin) in validated {
            tensors.append((name, try makeTensor(dtype: dtype, shape: shape, bytes: data.baseAddress.map { $0 + begin })))
        }
        return SafeTensorsContents(tensors: tensors, metadata: header.metadata)
    }

    /// Checks every entry and returns (name, dtype, shape, begin) in data order.
    static func validate(_ entries: [(String, SafeTensorsEntry)], dataLength: Int) throws -> [(String, DType, [Int], Int)] {
        var checked: [(name: String, dtype: DType, shape: [Int], begin: Int, end: Int)] = []
        for (name, entry) in entries {
            guard let dtype = SafeTensorsDType.dtype(entry.dtype) else {
                if SafeTensorsDType.knownButUnsupported.contains(entry.dtype) {
                    throw SafeTensorsError.format("tensor '\(name)' has dtype \(entry.dtype), which Unroll does not support (it has F32, F64, I64 and BOOL)")
                }
                throw SafeTensorsError.format("tensor '\(name)' has unknown dtype \"\(entry.dtype)\"")
            }
            guard entry.shape.allSatisfy({ $0 >= 0 }) else {
                throw SafeTensorsError.format("tensor '\(name)' has a negative dimension in shape \(entry.shape)")
            }
            guard entry.data_offsets.count == 2, entry.data_offsets[0] >= 0, entry.data_offsets[0] <= entry.data_offsets[1] else {
                throw SafeTensorsError.format("tensor '\(name)' has data_offsets \(entry.data_offsets); expected [begin, end] with 0 <= begin <= end")
            }
            var bytes = dtype.itemSize
            for d in entry.shape {
                let (product, overflow) = bytes.multipliedReportingOverflow(by: d)
                guard !overflow else { throw SafeTensorsError.format("TensorInvalidInfo: tensor '\(name)' has shape \(entry.shape), too large to address") }
                bytes = product
            }
            let (begin, end) = (entry.data_offsets[0], entry.data_offsets[1])
            guard end - begin == bytes else {
                throw SafeTensorsError.format("TensorInvalidInfo: tensor '\(name)' has shape \(entry.shape) and dtype \(entry.dtype), which take \(bytes) bytes, but its data_offsets [\(begin), \(end)] span \(end - begin)")
            }
            checked.append((name, dtype, entry.shape, begin, end))
        }
        checked.sort { a, b in
            if a.begin != b.begin { return a.begin < b.begin }
            if a.end != b.end { return a.end < b.end }
            return Array(a.name.utf8).lexicographicallyPrecedes(Array(b.name.utf8))
        }
        var position = 0
        for t in checked {
            if t.begin != position {
                let what = t.begin < position ? "overlaps the tensor before it" : "leaves a gap of \(t.begin - position) bytes before it"
                throw SafeTensorsError.format("InvalidOffset: tensor '\(t.name)' starts at byte \(t.begin) of the data section, which \(what) (expected \(position))")
            }
            guard t.end <= dataLength else {
                throw SafeTensorsError.format("InvalidOffset: tensor '\(t.name)' ends at byte \(t.end), past the end of the data section (\(dataLength) bytes; the file is truncated)")
            }
            position = t.end
        }
        guard position == dataLength else {
            throw SafeTensorsError.format("MetadataIncompleteBuffer: the tensors cover \(position) bytes of the data section but it has \(dataLength)")
        }
        return checked.map { ($0.name, $0.dtype, $0.shape, $0.begin) }
    }

    /// A fresh tensor holding a copy of `bytes` (booleans normalised to 0/1).
    static func makeTensor(dtype: DType, shape: [Int], bytes: UnsafeRawPointer?) throws -> Tensor {
        let tensor = try Tensor(zeros: shape, dtype: dtype)
        let count = tensor.numel * dtype.itemSize
        guard count > 0, let bytes else { return tensor }
        if dtype == .bool {
            let source = bytes.assumingMemoryBound(to: UInt8.self)
            let target = tensor.storage.raw.assumingMemoryBound(to: UInt8.self)
            for i in 0..<count { target[i] = source[i] == 0 ? 0 : 1 }
        } else {
            tensor.storage.raw.copyMemory(from: bytes, byteCount: count)
        }
        return tensor
    }

    /// A readable account of a JSON decoding failure: which entry and field, and what was wrong.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [CodingKey]) -> String {
            guard let first = codingPath.first else { return "the header" }
            let rest = codingPath.dropFirst().map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return "'\(first.stringValue)'" + rest
        }
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let detail = context.debugDescription.trimmingCharacters(in: .whitespaces)
                return "the header is not valid JSON" + (detail.isEmpty ? "" : " (\(detail))")
            }
            return "\(path(context.codingPath)) is malformed"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath)) has no \"\(key.stringValue)\" field"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) is not \(describe(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null, expected \(describe(type))"
        @unknown default:
            return "the header does not have the safetensors layout"
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "an integer"
        case is String.Type: return "a string"
        case is [Int].Type: return "a list of integers"
        default: return "a JSON object of the expected layout"
        }
    }
}
