// Copies and casts: contiguous(), clone(), detach(), to(dtype) and the .float()/.long() family.

extension Tensor {
    /// Copies the elements of `self` (any layout) into a new contiguous tensor of `dtype`.
    func copyContiguous(as target: DType) throws -> Tensor {
        // castCopy writes every element, so the zero fill would be a wasted pass.
        let out = try Tensor(uninitialized: shape, dtype: target)
        Tensor.castCopy(from: self, into: out.storage, at: 0)
        return out
    }

    /// Writes the elements of `source` in row-major order into `storage` starting at `start`, casting.
    static func castCopy(from source: Tensor, into storage: Storage, at start: Int) {
        if source.dtype == storage.dtype, source.isContiguous {
            // The common case (clone, a parameter's first gradient): one block copy, not an index walk per element.
            let size = source.dtype.itemSize
            (storage.raw + start * size).copyMemory(from: source.storage.raw + source.offset * size,
                                                    byteCount: source.numel * size)
            return
        }
        func write<D: TensorScalar>(_: D.Type) {
            let dst = storage.pointer(D.self) + start
            var i = 0
            switch source.dtype {
            case .float32:
                let p = source.storage.pointer(Float.self)
                if D.self == Float.self {
                    let d = storage.raw.assumingMemoryBound(to: Float.self) + start
                    Strided.forEachPosition(shape: source.shape, strides: source.strides, offset: source.offset) { d[i] = p[$0]; i += 1 }
                } else {
                    Strided.forEachPosition(shape: source.shape, strides: source.strides, offset: source.offset) { dst[i] = D(casting: Double(p[$0])); i += 1 }
                }
            case .float64:
                let p = source.storage.pointer(Double.self)
                Strided.forEachPosition(shape: source.shape, strides: source.strides, offset: source.offset) { dst[i] = D(casting: p[$0]); i += 1 }
            case .int64:
                let p = source.storage.pointer(Int64.self)
                Strided.forEachPosition(shape: source.shape, strides: source.strides, offset: source.offset) { dst[i] = D(casting: p[$0]); i += 1 }
            case .bool:
                let p = source.storage.pointer(Bool.self)
                Strided.forEachPosition(shape: source.shape, strides: source.strides, offset: source.offset) { dst[i] = D(casting: p[$0] ? Int64(1) : 0); i += 1 }
            }
        }
        switch storage.dtype {
        case .float32: write(Float.self)
        case .float64: write(Double.self)
        case .int64: write(Int64.self)
        case .bool: write(Bool.self)
        }
    }

    /// `contiguous()`: self when already contiguous, else a row-major copy (differentiable, as `CloneBackward0`).
    public func contiguous() throws -> Tensor {
        if isContiguous { return self }
        let out = try copyContiguous(as: dtype)
        return out.recordGrad("CloneBackward0", inputs: [self]) { [$0] }
    }

    /// `clone()`: a contiguous copy that keeps the graph.
    public func clone() throws -> Tensor {
        let out = try copyContiguous(as: dtype)
        return out.recordGrad("CloneBackward0", inputs: [self]) { [$0] }
    }

    /// `detach()`: the same storage, cut from the graph.
    public func detach() -> Tensor {
        let out = Tensor(storage: storage, shape: shape, strides: strides, offset: offset)
        out.isWrappedNumber = isWrappedNumber
        return out
    }

    /// `to(dtype)`: self when the dtype already matches, else a cast copy (`ToCopyBackward0`).
    public func to(_ target: DType) throws -> Tensor {
        if target == dtype { return self }
        let out = try copyContiguous(as: target)
        if target.isFloatingPoint && dtype.isFloatingPoint {
            let source = dtype
            out.recordGrad("ToCopyBackward0", inputs: [self]) { g in [try g.to(source)] }
        }
        return out
    }

    public func float() throws -> Tensor { try to(.float32) }
    public func double() throws -> Tensor { try to(.float64) }
    public func long() throws -> Tensor { try to(.int64) }
    public func bool() throws -> Tensor { try to(.bool) }
}
