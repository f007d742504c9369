// Joining tensors: cat and stack, with dtype promotion across inputs and PyTorch's size checks.

extension Tensor {
    /// `torch.cat(tensors, dim)`: joins along an existing dim (`CatBackward0`). Legacy 1-D empty tensors are skipped.
    public static func cat(_ tensors: [Tensor], dim dimension: Int = 0) throws -> Tensor {
        guard !tensors.isEmpty else { throw TensorError.value("torch.cat(): expected a non-empty list of Tensors") }
        for (i, t) in tensors.enumerated() where t.dim == 0 {
            throw TensorError.runtime("zero-dimensional tensor (at position \(i)) cannot be concatenated")
        }
        let outDType = tensors.dropFirst().reduce(tensors[0].dtype) { DType.promote($0, $1.dtype) }
        let isSkipped: (Tensor) -> Bool = { $0.dim == 1 && $0.shape[0] == 0 }
        guard let reference = tensors.first(where: { !isSkipped($0) }) else {
            _ = try Shape.wrapDim(dimension, rank: 1)
            return try Tensor(zeros: [0], dtype: outDType)
        }
        let d = try Shape.wrapDim(dimension, rank: reference.dim)
        var outShape = reference.shape
        outShape[d] = 0
        for (i, t) in tensors.enumerated() where !isSkipped(t) {
            guard t.dim == reference.dim else {
                throw TensorError.runtime("Tensors must have same number of dimensions: got \(reference.dim) and \(t.dim)")
            }
            for k in 0..<t.dim where k != d && t.shape[k] != reference.shape[k] {
                throw TensorError.runtime(
                    "Sizes of tensors must match except in dimension \(d). Expected size \(reference.shape[k]) but got size \(t.shape[k]) for tensor number \(i) in the list.")
            }
            outShape[d] += t.shape[d]
        }
        let out = try Tensor(zeros: outShape, dtype: outDType)
        var sizes: [Int?] = []
        var start = 0
        // The per-input writes are internal steps: no graph, no trace events.
        try OpTrace.muting { try GradMode.withDisabled {
            for t in tensors {
                if isSkipped(t) { sizes.append(nil); continue }
                let length = t.shape[d]
                try out.sliceUnchecked(d, start, start + length, 1, name: "").overwrite(with: t)
                sizes.append(length)
                start += length
            }
        } }
        return out.recordGrad("CatBackward0", inputs: tensors) { g in
            var at = 0
            return try sizes.map { size in
                guard let length = size else { return try Tensor(zeros: [0], dtype: g.dtype) }
                defer { at += length }
                return try g.narrow(d, start: at, length: length)
            }
        }
    }

    /// `torch.stack(tensors, dim)`: joins equal-shaped tensors along a new dim (`StackBackward0`).
    public static func stack(_ tensors: [Tensor], dim dimension: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError.runtime("stack expects a non-empty TensorList") }
        for (i, t) in tensors.enumerated() where t.shape != first.shape {
            throw TensorError.runtime(
                "stack expects each tensor to be equal size, but got \(Shape.describe(first.shape)) at entry 0 and \(Shape.describe(t.shape)) at entry \(i)")
        }
        let d = try Shape.wrapDim(dimension, rank: first.dim + 1)
        let out = try OpTrace.muting {
            try GradMode.withDisabled { try cat(tensors.map { try $0.detach().unsqueeze(d) }, dim: d) }
        }
        let count = tensors.count
        return out.recordGrad("StackBackward0", inputs: tensors) { g in
            try (0..<count).map { try g.select(d, $0) }
        }
    }
}
