// Python-style item assignment `x[indices] = value`, in place, with PyTorch's leaf checks and autograd (CopySlices, IndexPutBackward0, ...).

extension Tensor {
    /// `x[indices] = value`: writes `value` (broadcast, cast to `x`'s dtype) into the indexed region in place.
    /// Pass a Python number as `Tensor(scalar:wrapped: true)`. On a non-leaf (or a view of one) the graph is
    /// rewritten as PyTorch does: the base gets `CopySlices` (or `IndexPutBackward0`, `MaskedFillBackward0`, ...)
    /// and a view gets `AsStridedBackward0`.
    @discardableResult
    public func indexPut(_ indices: [TensorIndex], value: Tensor) throws -> Tensor {
        // The views and expands used to find the region are internal steps: no graph, no trace events.
        let gradEnabled = GradMode.isEnabled
        let recordGraph = try OpTrace.muting {
            try GradMode.withDisabled { try assign(indices, value: value, gradEnabled: gradEnabled) }
        }
        try recordGraph?()
        return self
    }

    /// Checks, locates and writes (called with grad mode off); returns the graph rewrite still to record, if any.
    private func assign(_ indices: [TensorIndex], value: Tensor, gradEnabled: Bool) throws -> (() throws -> Void)? {
        let plan = try planIndex(indices)
        let root = base ?? self
        if gradEnabled {
            if let owner = base, owner.isLeaf, owner.leafRequiresGrad {
                throw TensorError.runtime("a view of a leaf Variable that requires grad is being used in an in-place operation.")
            }
            if isLeaf && leafRequiresGrad {
                throw TensorError.runtime(plan.changed
                    ? "a view of a leaf Variable that requires grad is being used in an in-place operation."
                    : "a leaf Variable that requires grad is being used in an in-place operation.")
            }
        }
        var source = value
        // PyTorch drops leading size-1 dims of the value before broadcasting it (`slicePrefix1sSize`).
        let regionShape: [Int]
        let layout: AdvancedLayout?
        if plan.advanced.isEmpty {
            layout = nil
            regionShape = plan.view.shape
        } else {
            let view = plan.view
            let found = try Tensor.advancedLayout(shape: view.shape, strides: view.strides, offset: view.offset, advanced: plan.advanced)
            layout = found
            regionShape = found.shape
        }
        while source.dim > regionShape.count, source.shape.first == 1 {
            source = try source.detach().squeeze(0)
        }
        let expanded: Tensor
        if let layout {
            guard let fitted = try? source.detach().expand(layout.shape) else {
                throw TensorError.runtime(
                    "shape mismatch: value tensor of shape \(Shape.describe(value.shape)) cannot be broadcast to indexing result of shape \(Shape.describe(layout.shape))")
            }
            expanded = fitted
            try writeElements(of: expanded, at: layout.positions)
        } else {
            expanded = try source.detach().expand(regionShape)
            try plan.view.overwrite(with: expanded)
        }
        guard gradEnabled, dtype.isFloatingPoint, root.requiresGrad || value.requiresGrad else { return nil }
        let written = layout?.positions ?? plan.view.storagePositions()
        let name = assignmentNodeName(indices: indices, plan: plan, value: value, isView: root !== self)
        return { [self] in
            try self.recordAssignment(root: root, writtenPositions: written, regionShape: regionShape, value: value, name: name)
        }
    }

    /// The node name PyTorch gives the tensor written to, which depends on the path its `__setitem__` takes.
    private func assignmentNodeName(indices: [TensorIndex], plan: IndexPlan, value: Tensor, isView: Bool) -> String {
        if isView || plan.changed { return "CopySlices" }
        if plan.advanced.isEmpty {
            if value.isWrappedNumber { return "FillBackward2" }
            return value.dim == 0 ? "FillBackward3" : "CopyBackwards"
        }
        let tensorIndices = indices.compactMap { index -> Tensor? in
            if case .tensor(let t) = index, !(t.dim == 0 && t.dtype == .int64) { return t }
            return nil
        }
        if value.isWrappedNumber, tensorIndices.count == 1 {
            return tensorIndices[0].dtype == .bool ? "MaskedFillBackward0" : "IndexFillBackward0"
        }
        return "IndexPutBackward0"
    }

    /// Rewrites the graph after an in-place write into `root`'s storage at `writtenPositions`.
    private func recordAssignment(root: Tensor, writtenPositions: [Int], regionShape: [Int], value: Tensor, name: String) throws {
        // Storage position -> row-major index in `root`: direct for a contiguous root (the usual case),
        // through an inverse table otherwise.
        let linearOf: (Int) -> Int
        if root.isContiguous {
            let start = root.offset, count = root.numel
            linearOf = { p in p >= start && p - start < count ? p - start : -1 }
        } else {
            var table = [Int](repeating: -1, count: storage.count)
            for (i, p) in root.storagePositions().enumerated() { table[p] = i }
            linearOf = { p in p >= 0 && p < table.count ? table[p] : -1 }
        }
        let region = writtenPositions.map(linearOf)
        guard !region.contains(-1) else { return }
        let previous = Tensor(storage: root.storage, shape: root.shape, strides: root.strides, offset: root.offset)
        previous.gradFn = root.gradFn
        previous.leafRequiresGrad = root.leafRequiresGrad
        let rootShape = root.shape
        root.gradFn = nil
        root.recordGrad(name, inputs: [previous, value]) { g in
            let kept = try g.clone()
            let zero = try Tensor(zeros: [], dtype: g.dtype)
            try kept.writeElements(of: zero.expand([region.count]), at: region)
            let picked = try g.clone().gather(AdvancedLayout(shape: regionShape, positions: region.map { $0 }))
            return [kept, picked]
        }
        guard root !== self, root.requiresGrad else { return }
        let viewPositions = storagePositions().map(linearOf)
        guard !viewPositions.contains(-1) else { return }
        gradFn = GradNode(name: "AsStridedBackward0", inputs: [root]) { g in
            [try g.scatterAdd(into: rootShape, at: viewPositions)]
        }
    }

    /// Writes `source` (already of the region's shape) at the storage positions `positions`, casting to this dtype.
    func writeElements(of source: Tensor, at positions: [Int]) throws {
        let values = try GradMode.withDisabled { try source.detach().copyContiguous(as: dtype) }
        func run<T: TensorScalar>(_: T.Type) {
            let src = values.storage.pointer(T.self), dst = storage.pointer(T.self)
            for (i, p) in positions.enumerated() { dst[p] = src[i] }
        }
        switch dtype {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        case .int64: run(Int64.self)
        case .bool: run(Bool.self)
        }
        storage.bumpVersion()
    }
}
