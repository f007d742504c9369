// `torch.save` and `torch.load` for state dicts, stored in the safetensors format under the name given.
import Foundation
import UnrollNN
import UnrollTensor

/// Unroll's `torch.save(obj, f)` writes a dict of tensors (a state dict) as a safetensors file under the name
/// given — `torch.save(model.state_dict(), 'checkpoint.pt')` works as written, but the file is safetensors,
/// not PyTorch's zip/pickle format (real PyTorch reads it with `safetensors.torch.load_file`). `torch.load`
/// reads such files back, keeping the saved key order; a real PyTorch `.pt` file gets an error saying so.
enum TorchSaveBinding {
    /// The metadata key recording the dict's key order (safetensors itself lays tensors out by dtype and name).
    static let orderKey = "unroll.key_order"

    static func install(into torch: Namespace) {
        torch.define("save", keywords: ["pickle_module", "pickle_protocol"]) { args, kwargs, _ in
            let a = try Arguments("save", ["obj", "f", "pickle_module", "pickle_protocol", "_use_new_zipfile_serialization",
                                           "_disable_byteorder_record"], required: 2, args, kwargs)
            let obj = a.values["obj"] ?? .none
            let tensors: [(String, Tensor)]
            if case .dict = obj {
                do { tensors = try SafetensorsBinding.tensorDict(obj) } catch let error as LangError {
                    throw LangError("TypeError", "Unroll's torch.save stores a dict of tensors such as model.state_dict(); " + error.message,
                                    hint: "Save each model's state_dict() (and keep numbers such as the epoch in your own variables).")
                }
            } else {
                throw LangError("TypeError", "Unroll's torch.save stores a dict of tensors such as model.state_dict(), not \(obj.typeName)",
                                hint: "Use torch.save(model.state_dict(), 'checkpoint.pt'); the file is written in the safetensors format.")
            }
            let path = try (a.values["f"] ?? .none).asString(what: "save(): argument 'f'")
            let order = String(decoding: try JSONSerialization.data(withJSONObject: tensors.map { $0.0 }), as: UTF8.self)
            try SafetensorsBinding.translating {
                try SafeTensors.save(tensors, to: path, metadata: ["format": "pt", orderKey: order])
            }
            return .none
        }
        torch.define("load", keywords: ["map_location", "weights_only", "mmap"]) { args, kwargs, _ in
            let a = try Arguments("load", ["f", "map_location", "pickle_module", "weights_only", "mmap"], required: 1,
                                  keywordOnly: ["weights_only", "mmap"], args, kwargs)
            let path = try (a.values["f"] ?? .none).asString(what: "load(): argument 'f'")
            guard FileManager.default.fileExists(atPath: path) else {
                throw LangError("FileNotFoundError", "[Errno 2] No such file or directory: '\(path)'")
            }
            let contents = try SafetensorsBinding.translating { try SafeTensors.load(from: path) }
            return try SafetensorsBinding.dictValue(restoredOrder(contents))
        }
    }

    /// The tensors in the order `torch.save` was given them, when the file records it.
    static func restoredOrder(_ contents: SafeTensorsContents) -> [(String, Tensor)] {
        guard let text = contents.metadata?[orderKey],
              let order = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String],
              Set(order) == Set(contents.tensors.map { $0.0 }), order.count == contents.tensors.count else {
            return contents.tensors
        }
        let byName = Dictionary(contents.tensors, uniquingKeysWith: { a, _ in a })
        return order.compactMap { name in byName[name].map { (name, $0) } }
    }
}

/// Registers `safetensors`, `safetensors.torch`, and torch.save/torch.load on the `torch` namespace.
enum SerializationBindings {
    static func register() {
        ModuleRegistry.register("safetensors") { Namespace("safetensors") }
        ModuleRegistry.register("safetensors.torch") { SafetensorsBinding.makeNamespace() }
        if let torch = ModuleRegistry.factory("torch") {
            ModuleRegistry.register("torch") {
                let ns = torch()
                TorchSaveBinding.install(into: ns)
                return ns
            }
        }
    }
}
