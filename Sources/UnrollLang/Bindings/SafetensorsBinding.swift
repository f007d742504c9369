// The `safetensors.torch` namespace: save_file and load_file, so state dicts move to and from real PyTorch.
import Foundation
import UnrollNN
import UnrollTensor

/// `from safetensors.torch import save_file, load_file`: the same code on both sides of a checkpoint.
enum SafetensorsBinding {
    static func makeNamespace() -> Namespace {
        let ns = Namespace("safetensors.torch")
        ns.define("save_file", keywords: ["metadata"]) { args, kwargs, _ in
            let a = try Arguments("save_file", ["tensors", "filename", "metadata"], required: 2, args, kwargs)
            let tensors = try tensorDict(a.values["tensors"] ?? .none)
            for (name, tensor) in tensors where !tensor.isContiguous {
                throw LangError.valueError("You are trying to save a non contiguous tensor: `\(name)` which is not allowed. It either means you are trying to save tensors which are reference of each other in which case it's recommended to save only the full tensors, and reslice at load time, or simply call `.contiguous()` on your tensor to pack it before saving.")
            }
            let path = try (a.values["filename"] ?? .none).asString(what: "save_file(): argument 'filename'")
            try translating { try SafeTensors.save(tensors, to: path, metadata: try metadata(a["metadata"])) }
            return .none
        }
        ns.define("load_file", keywords: ["device"]) { args, kwargs, _ in
            let a = try Arguments("load_file", ["filename", "device"], required: 1, args, kwargs)
            let path = try (a.values["filename"] ?? .none).asString(what: "load_file(): argument 'filename'")
            let contents = try translating { try SafeTensors.load(from: path) }
            return try dictValue(contents.tensors)
        }
        return ns
    }

    /// `{str: Tensor}` from a language dict, with safetensors' errors for anything else.
    static func tensorDict(_ value: Value) throws -> [(String, Tensor)] {
        guard case .dict(let dict) = value else {
            throw LangError.valueError("Expected a dict of [str, torch.Tensor] but received \(pythonClass(value))")
        }
        var result: [(String, Tensor)] = []
        for (key, item) in zip(dict.keys, dict.values) {
            guard case .str(let name) = key else {
                throw LangError.typeError("argument 'tensor_dict': '\(key.typeName)' object is not an instance of 'str'")
            }
            guard let tensor = TensorBridge.tensorValue(item) else {
                throw LangError.valueError("Key `\(name)` is invalid, expected torch.Tensor but received \(pythonClass(item))")
            }
            result.append((name, tensor))
        }
        return result
    }

    /// `metadata={str: str}` or None.
    static func metadata(_ value: Value?) throws -> [String: String]? {
        guard let value else { return nil }
        guard case .dict(let dict) = value else {
            throw LangError.typeError("argument 'metadata': '\(value.typeName)' object cannot be converted to 'PyDict'")
        }
        var result: [String: String] = [:]
        for (key, item) in zip(dict.keys, dict.values) {
            guard case .str(let k) = key, case .str(let v) = item else {
                let bad = { if case .str = key { return item }; return key }()
                throw LangError.typeError("argument 'metadata': '\(bad.typeName)' object is not an instance of 'str'")
            }
            result[k] = v
        }
        return result
    }

    /// A language dict of tensors in the given order.
    static func dictValue(_ tensors: [(String, Tensor)]) throws -> Value {
        let dict = DictBox()
        for (name, tensor) in tensors { try dict.set(.str(name), TensorBridge.wrap(tensor)) }
        return .dict(dict)
    }

    /// Python's `<class 'int'>` for a value, as PyTorch's messages print it.
    static func pythonClass(_ value: Value) -> String {
        if TensorBridge.tensorValue(value) != nil { return "<class 'torch.Tensor'>" }
        return "<class '\(value.typeName)'>"
    }

    /// Runs `body`, turning a safetensors file error into the Python exception it stands for.
    static func translating<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as SafeTensorsError {
            throw LangError(error.pythonType, error.message, hint: error.hint)
        }
    }
}
