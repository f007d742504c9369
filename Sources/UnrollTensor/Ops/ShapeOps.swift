// Shape-changing views: flatten, unsqueeze, squeeze, permute, transpose, t, T, mT and the *_as forms.

extension Tensor {
    /// `size(dim)`: the size of one dim, negative dims counted from the end.
    public func size(_ dimension: Int) throws -> Int {
        if dim == 0 {
            throw TensorError.index("Dimension specified as \(dimension) but tensor has no dimensions")
        }
        return shape[try Shape.wrapDim(dimension, rank: dim)]
    }

    /// `alias()`: a new view of the whole tensor (what `x[...]` returns), `AliasBackward0`.
    public func alias() -> Tensor {
        makeView(shape: shape, strides: strides, offset: offset)
            .recordGrad("AliasBackward0", inputs: [self]) { g in [g] }
    }

    /// `flatten(start_dim, end_dim)`: merges dims start...end; returns `self` when there is nothing to merge.
    public func flatten(startDim: Int = 0, endDim: Int = -1) throws -> Tensor {
        let start = try Shape.wrapDim(startDim, rank: dim)
        let end = try Shape.wrapDim(endDim, rank: dim)
        guard start <= end else {
            throw TensorError.runtime("flatten() has invalid args: start_dim cannot come after end_dim")
        }
        if dim == 0 { return try reshape([1]) }
        if start == end { return self }
        let merged = shape[start...end].reduce(1, *)
        let newShape = Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...])
        return try reshape(newShape)
    }

    /// `unsqueeze(dim)`: inserts a size-1 dim (dim may be in [-dim-1, dim]).
    public func unsqueeze(_ dimension: Int) throws -> Tensor {
        let d = try Shape.wrapDim(dimension, rank: dim + 1)
        var newShape = shape, newStrides = strides
        let stride = d < dim ? shape[d] * strides[d] : 1
        newShape.insert(1, at: d)
        newStrides.insert(stride, at: d)
        let inputShape = shape
        return makeView(shape: newShape, strides: newStrides, offset: offset)
            .recordGrad("UnsqueezeBackward0", inputs: [self]) { g in [try g.reshape(inputShape)] }
    }

    /// `squeeze()`: drops every size-1 dim (`SqueezeBackward0`).
    public func squeeze() -> Tensor {
        squeezing(Set(shape.indices.filter { shape[$0] == 1 }), name: "SqueezeBackward0")
    }

    /// `squeeze(dim)`: drops `dim` when its size is 1, else returns a plain view (`SqueezeBackward1`).
    public func squeeze(_ dimension: Int) throws -> Tensor {
        let d = try Shape.wrapDim(dimension, rank: dim)
        return squeezing(d < dim && shape[d] == 1 ? [d] : [], name: "SqueezeBackward1")
    }

    /// `squeeze((d0, d1, ...))`: drops the listed dims that have size 1 (`SqueezeBackward2`).
    public func squeeze(dims dimensions: [Int]) throws -> Tensor {
        let wrapped = try Reduction.normalizeDims(dimensions, rank: dim)
        return squeezing(Set(wrapped.filter { $0 < dim && shape[$0] == 1 }), name: "SqueezeBackward2")
    }

    private func squeezing(_ drop: Set<Int>, name: String) -> Tensor {
        var newShape: [Int] = [], newStrides: [Int] = []
        for d in 0..<dim where !drop.contains(d) {
            newShape.append(shape[d])
            newStrides.append(strides[d])
        }
        let inputShape = shape
        return makeView(shape: newShape, strides: newStrides, offset: offset)
            .recordGrad(name, inputs: [self]) { g in [try g.reshape(inputShape)] }
    }

    /// `permute(*dims)`: reorders dims; every dim exactly once.
    public func permute(_ order: [Int]) throws -> Tensor {
        guard order.count == dim else {
            throw TensorError.runtime(
                "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(dim) is not equal to len(dims) = \(order.count)")
        }
        var wrapped: [Int] = []
        var seen = Set<Int>()
        for d in order {
            let w = try Shape.wrapDim(d, rank: dim)
            guard seen.insert(w).inserted else { throw TensorError.runtime("permute(): duplicate dims are not allowed.") }
            wrapped.append(w)
        }
        return permuted(wrapped, name: "PermuteBackward0")
    }

    private func permuted(_ order: [Int], name: String) -> Tensor {
        var inverse = [Int](repeating: 0, count: order.count)
        for (i, d) in order.enumerated() { inverse[d] = i }
        return makeView(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: offset)
            .recordGrad(name, inputs: [self]) { g in [g.permuted(inverse, name: "PermuteBackward0")] }
    }

    /// `transpose(dim0, dim1)` (also `swapaxes`): swaps two dims.
    public func transpose(_ dim0: Int, _ dim1: Int) throws -> Tensor {
        let a = try Shape.wrapDim(dim0, rank: dim), b = try Shape.wrapDim(dim1, rank: dim)
        return transposed(a, b, name: "TransposeBackward0")
    }

    /// `swapaxes(axis0, axis1)`: numpy's name for `transpose`.
    public func swapaxes(_ axis0: Int, _ axis1: Int) throws -> Tensor { try transpose(axis0, axis1) }

    private func transposed(_ a: Int, _ b: Int, name: String) -> Tensor {
        var newShape = shape, newStrides = strides
        if dim > 0 {
            newShape.swapAt(a, b)
            newStrides.swapAt(a, b)
        }
        return makeView(shape: newShape, strides: newStrides, offset: offset)
            .recordGrad(name, inputs: [self]) { g in [g.transposed(a, b, name: "TransposeBackward0")] }
    }

    /// `t()`: transposes a matrix; 0-D and 1-D tensors come back as views of themselves (`TBackward0`).
    public func t() throws -> Tensor {
        guard dim <= 2 else {
            throw TensorError.runtime("t() expects a tensor with <= 2 dimensions, but self is \(dim)D")
        }
        return transposed(0, dim < 2 ? 0 : 1, name: "TBackward0")
    }

    /// `T`: reverses all dims (`PermuteBackward0`); a 0-D tensor is returned as it is.
    public func reversedDims() -> Tensor {
        if dim == 0 { return self }
        return permuted(Array((0..<dim).reversed()), name: "PermuteBackward0")
    }

    /// `mT`: transposes the last two dims of a matrix or batch of matrices.
    public func matrixTranspose() throws -> Tensor {
        guard dim >= 2 else {
            throw TensorError.runtime("tensor.mT is only supported on matrices or batches of matrices. Got \(dim)-D tensor.")
        }
        return transposed(dim - 2, dim - 1, name: "TransposeBackward0")
    }

    /// `expand_as(other)`.
    public func expandAs(_ other: Tensor) throws -> Tensor { try expand(other.shape) }
    /// `view_as(other)`.
    public func viewAs(_ other: Tensor) throws -> Tensor { try view(other.shape) }
    /// `reshape_as(other)`.
    public func reshapeAs(_ other: Tensor) throws -> Tensor { try reshape(other.shape) }
}
