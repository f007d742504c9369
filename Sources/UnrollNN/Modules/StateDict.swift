// state_dict() and load_state_dict(strict:) with PyTorch's names, order and error text.
import UnrollTensor

/// An ordered name → tensor mapping, as PyTorch's OrderedDict state dict.
public struct StateDict {
    public var entries: [(String, Tensor)]
    public init(_ entries: [(String, Tensor)] = []) { self.entries = entries }
    public var keys: [String] { entries.map { $0.0 } }
    public subscript(_ key: String) -> Tensor? { entries.first { $0.0 == key }?.1 }
}

/// `nn.Parameter(tensor)`: a leaf sharing `tensor`'s data that requires grad.
public func Parameter(_ tensor: Tensor, requiresGrad: Bool = true) throws -> Tensor {
    let leaf = tensor.detach()
    try leaf.setRequiresGrad(requiresGrad)
    return leaf
}

/// What `load_state_dict` reports: PyTorch's `_IncompatibleKeys(missing_keys=[...], unexpected_keys=[...])`.
public struct IncompatibleKeys: Equatable {
    public var missingKeys: [String]
    public var unexpectedKeys: [String]
    public var repr: String {
        if missingKeys.isEmpty && unexpectedKeys.isEmpty { return "<All keys matched successfully>" }
        let m = missingKeys.map { "'\($0)'" }.joined(separator: ", ")
        let u = unexpectedKeys.map { "'\($0)'" }.joined(separator: ", ")
        return "_IncompatibleKeys(missing_keys=[\(m)], unexpected_keys=[\(u)])"
    }
}

extension Module {
    /// `state_dict()`: parameters then buffers of each module, depth first, detached, with dotted names.
    public func stateDict() -> StateDict {
        var result: [(String, Tensor)] = []
        func visit(_ m: Module, _ prefix: String) {
            for n in m.parameterNames { if let p = m.parameterTable[n] { result.append((prefix + n, p.detach())) } }
            for n in m.bufferNames { if let b = m.bufferTable[n] { result.append((prefix + n, b.detach())) } }
            for (n, child) in m.namedChildren() { visit(child, prefix + n + ".") }
        }
        visit(self, "")
        return StateDict(result)
    }

    /// `load_state_dict(state_dict, strict=True)`: copies values in place, raising PyTorch's error text.
    /// `nonTensors` lists keys whose value in the caller's dict is not a tensor, with the value's Python
    /// class (`<class 'int'>`): they count as present and are reported as PyTorch reports them.
    @discardableResult
    public func loadStateDict(_ dict: StateDict, strict: Bool = true,
                              nonTensors: [(key: String, pythonClass: String)] = []) throws -> IncompatibleKeys {
        let own = stateDict()
        let ownKeys = Set(own.keys)
        let givenKeys = Set(dict.keys).union(nonTensors.map(\.key))
        var errors: [String] = []
        let missing = own.keys.filter { !givenKeys.contains($0) }
        let unexpected = (dict.keys + nonTensors.map(\.key)).filter { !ownKeys.contains($0) }
        for (name, target) in own.entries {
            if let foreign = nonTensors.first(where: { $0.key == name }) {
                errors.append("While copying the parameter named \"\(name)\", expected torch.Tensor or Tensor-like object from checkpoint but received \(foreign.pythonClass)")
                continue
            }
            guard let source = dict[name] else { continue }
            if source.shape != target.shape {
                errors.append(
                    "size mismatch for \(name): copying a param with shape torch.Size(\(Shape.describe(source.shape))) from checkpoint, the shape in current model is torch.Size(\(Shape.describe(target.shape))).")
            }
        }
        if strict {
            if !unexpected.isEmpty {
                errors.insert("Unexpected key(s) in state_dict: " + unexpected.map { "\"\($0)\"" }.joined(separator: ", ") + ". ", at: 0)
            }
            if !missing.isEmpty {
                errors.insert("Missing key(s) in state_dict: " + missing.map { "\"\($0)\"" }.joined(separator: ", ") + ". ", at: 0)
            }
        }
        if !errors.isEmpty {
            throw TensorError.runtime(
                "Error(s) in loading state_dict for \(typeName):\n\t" + errors.joined(separator: "\n\t"))
        }
        try GradMode.withDisabled {
            for (name, target) in own.entries {
                guard let source = dict[name] else { continue }
                try copyValues(from: source, into: target)
            }
        }
        return IncompatibleKeys(missingKeys: missing, unexpectedKeys: unexpected)
    }
}

/// Copies `source`'s elements into `target` (same shape) in place, converting dtype as `Tensor.copy_` does.
func copyValues(from source: Tensor, into target: Tensor) throws {
    let positions = target.storagePositions()
    switch target.dtype {
    case .float32:
        let p = target.storage.pointer(Float.self)
        if source.dtype == .float32 {
            for (i, v) in source.toArray(Float.self).enumerated() { p[positions[i]] = v }
        } else {
            for (i, v) in source.toArray(Double.self).enumerated() { p[positions[i]] = Float(v) }
        }
    case .float64:
        let p = target.storage.pointer(Double.self)
        for (i, v) in source.toArray(Double.self).enumerated() { p[positions[i]] = v }
    case .int64:
        let p = target.storage.pointer(Int64.self)
        for (i, v) in source.toArray(Int64.self).enumerated() { p[positions[i]] = v }
    case .bool:
        let p = target.storage.pointer(Bool.self)
        for (i, v) in source.toArray(Bool.self).enumerated() { p[positions[i]] = v }
    }
}
