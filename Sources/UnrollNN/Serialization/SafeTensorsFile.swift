// Reading and atomically writing `.safetensors` files, and telling a PyTorch pickle checkpoint apart with a clear error.
import Foundation
import UnrollTensor

extension SafeTensors {
    /// `safetensors.torch.save_file(tensors, path, metadata)`: writes to a temporary file in the same directory,
    /// flushes it, then renames it over `path`, so a crash never leaves a half-written checkpoint.
    public static func save(_ tensors: [(String, Tensor)], to path: String, metadata: [String: String]? = nil) throws {
        let bytes = try serialize(tensors, metadata: metadata)
        try writeAtomically(bytes, to: path)
    }

    /// `safetensors.torch.load_file(path)`: the tensors in data order and the metadata.
    public static func load(from path: String) throws -> SafeTensorsContents {
        let data = try readFile(path)
        do {
            return try data.withUnsafeBytes { try deserialize($0) }
        } catch var error as SafeTensorsError {
            if let foreign = foreignFormat(data) {
                throw SafeTensorsError(.notSafeTensors, "'\(path)' is \(foreign), not a safetensors file",
                                       hint: "Unroll's torch.save/torch.load and load_file use the safetensors format. In PyTorch, re-save the weights with safetensors.torch.save_file(model.state_dict(), 'model.safetensors') and load that file here.")
            }
            error.message = "'\(path)': " + error.message
            throw error
        }
    }

    /// The bytes of `path`, with safetensors' errors for a missing file or a directory.
    static func readFile(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SafeTensorsError(.fileNotFound, "No such file or directory: \(path)")
        }
        if isDirectory.boolValue { throw SafeTensorsError(.io, "[Errno 21] Is a directory: '\(path)'") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw SafeTensorsError(.io, "cannot read '\(path)': \(error.localizedDescription)")
        }
    }

    /// Names a checkpoint format PyTorch writes that is not safetensors (zip archive or legacy pickle).
    static func foreignFormat(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(4))
        if head == [0x50, 0x4B, 0x03, 0x04] { return "a PyTorch checkpoint (a zip archive holding a pickle, as torch.save writes)" }
        if head.count >= 2, head[0] == 0x80, (2...5).contains(head[1]) { return "a Python pickle (a legacy torch.save checkpoint)" }
        return nil
    }

    /// Writes `bytes` to a temporary sibling of `path`, syncs it, and renames it into place.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SafeTensorsError(.fileNotFound, "[Errno 2] No such file or directory: '\(path)'")
        }
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw SafeTensorsError(.io, "cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count, let base = buffer.baseAddress {
                let n = write(fd, base + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                written += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw SafeTensorsError(.io, "cannot write '\(path)': \(failure)")
        }
    }
}

extension Module {
    /// Saves `state_dict()` as a safetensors file that `safetensors.torch.load_file` reads.
    public func saveStateDict(to path: String, metadata: [String: String]? = ["format": "pt"]) throws {
        try SafeTensors.save(stateDict().entries, to: path, metadata: metadata)
    }

    /// Loads a safetensors file written by `save_file` (or `saveStateDict`) into this module.
    @discardableResult
    public func loadStateDict(from path: String, strict: Bool = true) throws -> IncompatibleKeys {
        try loadStateDict(try SafeTensors.load(from: path).stateDict, strict: strict)
    }
}
