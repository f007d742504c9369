// Encodes named tensors as safetensors bytes exactly as the reference writer (`safetensors.torch.save_file`) does.
import UnrollTensor

/// The safetensors format: an 8-byte little-endian header length, a JSON header padded with spaces to a
/// multiple of 8 bytes, then the tensors' little-endian bytes back to back.
public enum SafeTensors {
    /// The reference reader refuses headers larger than this (100 MB); so does Unroll, before allocating.
    public static let maxHeaderSize = 100_000_000

    /// The file bytes for `tensors` and optional string `metadata`. Tensors are laid out as the reference
    /// writer lays them out (by dtype, widest first, then by name in byte order) and the header lists
    /// `__metadata__` first (its keys sorted), then every tensor in data order, in compact JSON.
    public static func serialize(_ tensors: [(String, Tensor)], metadata: [String: String]? = nil) throws -> [UInt8] {
        var seen = Set<String>()
        for (name, _) in tensors where !seen.insert(name).inserted {
            throw SafeTensorsError(.format, "cannot save two tensors under the same name '\(name)'")
        }
        if tensors.contains(where: { $0.0 == "__metadata__" }) {
            throw SafeTensorsError(.format, "'__metadata__' is reserved for the header's metadata and cannot name a tensor")
        }
        let ordered = tensors.sorted { a, b in
            let ra = SafeTensorsDType.rank(a.1.dtype), rb = SafeTensorsDType.rank(b.1.dtype)
            if ra != rb { return ra > rb }
            return Array(a.0.utf8).lexicographicallyPrecedes(Array(b.0.utf8))
        }
        var header = "{"
        var entries: [String] = []
        if let metadata, !metadata.isEmpty {
            let keys = metadata.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            let pairs = keys.map { jsonString($0) + ":" + jsonString(metadata[$0] ?? "") }
            entries.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for (name, tensor) in ordered {
            let size = tensor.numel * tensor.dtype.itemSize
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append(jsonString(name) + ":{\"dtype\":\"\(SafeTensorsDType.code(tensor.dtype))\",\"shape\":[\(shape)],"
                           + "\"data_offsets\":[\(offset),\(offset + size)]}")
            offset += size
        }
        header += entries.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        headerBytes += [UInt8](repeating: 0x20, count: (8 - headerBytes.count % 8) % 8)
        guard headerBytes.count <= maxHeaderSize else {
            throw SafeTensorsError(.format, "the header would be \(headerBytes.count) bytes, over the \(maxHeaderSize)-byte limit readers accept")
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { bytes += $0 }
        bytes += headerBytes
        for (_, tensor) in ordered { appendData(of: tensor, to: &bytes) }
        return bytes
    }

    /// Appends the tensor's elements in row-major order (contiguous tensors in one copy).
    static func appendData(of tensor: Tensor, to bytes: inout [UInt8]) {
        let item = tensor.dtype.itemSize
        let raw = UnsafeRawPointer(tensor.storage.raw)
        if tensor.isContiguous {
            bytes += UnsafeRawBufferPointer(start: raw + tensor.offset * item, count: tensor.numel * item)
            return
        }
        for position in tensor.storagePositions() {
            bytes += UnsafeRawBufferPointer(start: raw + position * item, count: item)
        }
    }

    /// A JSON string literal escaped as serde_json escapes it (quote, backslash, control characters).
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
