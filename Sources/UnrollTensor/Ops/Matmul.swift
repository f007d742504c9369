// dot, mv, mm, bmm and matmul/@ with PyTorch's rank rules, fold-or-batch choice, grad_fn names and error text.

extension Tensor {
    /// The C++ type name PyTorch prints in mm's dtype mismatch message.
    var cppTypeName: String {
        switch dtype {
        case .float32: return "float"
        case .float64: return "double"
        case .int64: return "long int"
        case .bool: return "bool"
        }
    }

    /// The last two dims swapped, as a view (no graph; used inside backward rules).
    func transposedLastTwo() -> Tensor {
        var s = shape, st = strides
        s.swapAt(dim - 1, dim - 2)
        st.swapAt(dim - 1, dim - 2)
        return Tensor(storage: storage, shape: s, strides: st, offset: offset)
    }

    private func sameDTypeForMM(_ other: Tensor) throws {
        guard dtype == other.dtype else {
            throw TensorError.runtime("expected m1 and m2 to have the same dtype, but got: \(cppTypeName) != \(other.cppTypeName)")
        }
    }

    /// Records the generic product backward: grads of `a2 @ b2` folded back to the original operands' shapes.
    private static func recordProduct(_ out: Tensor, _ name: String, _ a: Tensor, _ b: Tensor, a2: Tensor, b2: Tensor) -> Tensor {
        guard GradMode.isEnabled && (a.requiresGrad || b.requiresGrad) else { return out }
        let (x, y) = (a2.detach(), b2.detach())
        let (shapeA, shapeB) = (a.shape, b.shape)
        let (needA, needB) = (a.requiresGrad, b.requiresGrad)
        let batch = (try? Shape.broadcast(Array(x.shape.dropLast(2)), Array(y.shape.dropLast(2)))) ?? []
        let gradShape = batch + [x.shape[x.dim - 2], y.shape[y.dim - 1]]
        return out.recordGrad(name, inputs: [a, b]) { g in
            let g2 = try g.reshape(gradShape)
            let ga = needA ? try Gemm.product(g2, y.transposedLastTwo()).sumTo(x.shape).reshape(shapeA) : nil
            var gb: Tensor? = nil
            if needB {
                if let folded = Tensor.foldedRows(x), y.dim == 2 {
                    // A shared matrix's gradient over a batch is one GEMM over the folded rows, not a GEMM per batch and a sum.
                    let rows = folded.shape[0], p = g2.shape[g2.dim - 1]
                    gb = try Gemm.product(folded.transposedLastTwo(), g2.reshape([rows, p])).reshape(shapeB)
                } else {
                    gb = try Gemm.product(x.transposedLastTwo(), g2).sumTo(y.shape).reshape(shapeB)
                }
            }
            return [ga, gb]
        }
    }

    /// A tensor of rank > 2 seen as one matrix of (all leading dims) x (last dim) without copying, if its strides allow.
    static func foldedRows(_ x: Tensor) -> Tensor? {
        guard x.dim > 2 else { return nil }
        let rows = x.shape.dropLast().reduce(1, *), k = x.shape[x.dim - 1]
        guard let strides = Tensor.viewStrides(oldShape: x.shape, oldStrides: x.strides, newShape: [rows, k]) else { return nil }
        return Tensor(storage: x.storage, shape: [rows, k], strides: strides, offset: x.offset)
    }

    /// `torch.dot`: the inner product of two 1-D tensors (`DotBackward0`).
    public func dot(_ other: Tensor) throws -> Tensor {
        guard dim == 1 && other.dim == 1 else {
            throw TensorError.runtime("1D tensors expected, but got \(dim)D and \(other.dim)D tensors")
        }
        guard numel == other.numel else {
            throw TensorError.runtime(
                "inconsistent tensor size, expected tensor [\(numel)] and src [\(other.numel)] to have the same number of elements, but got \(numel) and \(other.numel) elements respectively")
        }
        guard dtype == other.dtype else {
            throw TensorError.runtime(
                "dot : expected both vectors to have same dtype, but found \(dtype.scalarTypeName) and \(other.dtype.scalarTypeName)")
        }
        let a2 = detach().makeViewDetached([1, numel], [0, strides[0]]), b2 = other.detach().makeViewDetached([numel, 1], [other.strides[0], 0])
        let out = try Gemm.product(a2, b2).reshape([])
        return Tensor.recordProduct(out, "DotBackward0", self, other, a2: a2, b2: b2)
    }

    /// A view with new geometry over the same storage and offset, without graph or base bookkeeping.
    func makeViewDetached(_ shape: [Int], _ strides: [Int]) -> Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: offset)
    }

    /// `torch.mv`: matrix @ vector (`MvBackward0`).
    public func mv(_ vec: Tensor) throws -> Tensor {
        guard dim == 2 && vec.dim == 1 else {
            throw TensorError.runtime("vector + matrix @ vector expected, got 1, \(dim), \(vec.dim)")
        }
        guard shape[1] == vec.shape[0] else {
            throw TensorError.runtime("size mismatch, got input (\(shape[0])), mat (\(shape[0])x\(shape[1])), vec (\(vec.shape[0]))")
        }
        try sameDTypeForMM(vec)
        let b2 = vec.detach().makeViewDetached([vec.shape[0], 1], [vec.strides[0], 0])
        let out = try Gemm.product(detach(), b2).reshape([shape[0]])
        return Tensor.recordProduct(out, "MvBackward0", self, vec, a2: self, b2: b2)
    }

    /// `torch.mm`: 2-D matrix product (`MmBackward0`).
    public func mm(_ other: Tensor) throws -> Tensor {
        guard dim == 2 else { throw TensorError.runtime("mm: self must be a matrix, got \(dim)-D tensor") }
        guard other.dim == 2 else { throw TensorError.runtime("mm: mat2 must be a matrix, got \(other.dim)-D tensor") }
        guard shape[1] == other.shape[0] else {
            throw TensorError.runtime(
                "mm: mat1 and mat2 shapes cannot be multiplied (\(shape[0])x\(shape[1]) and \(other.shape[0])x\(other.shape[1]))")
        }
        try sameDTypeForMM(other)
        let out = try Gemm.product(detach(), other.detach())
        return Tensor.recordProduct(out, "MmBackward0", self, other, a2: self, b2: other)
    }

    /// `torch.bmm`: batched product of two 3-D tensors with equal batch size (`BmmBackward0`).
    public func bmm(_ other: Tensor) throws -> Tensor {
        guard dim == 3 else { throw TensorError.runtime("batch1 must be a 3D tensor") }
        guard other.dim == 3 else { throw TensorError.runtime("batch2 must be a 3D tensor") }
        try checkBatch(other, batch: shape[0], k: shape[2])
        guard dtype == other.dtype else {
            throw TensorError.runtime("expected scalar type \(dtype.scalarTypeName) but found \(other.dtype.scalarTypeName)")
        }
        let out = try Gemm.product(detach(), other.detach())
        return Tensor.recordProduct(out, "BmmBackward0", self, other, a2: self, b2: other)
    }

    private func checkBatch(_ other: Tensor, batch: Int, k: Int) throws {
        guard other.shape[0] == batch && other.shape[1] == k else {
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(batch), \(k)] but got: [\(other.shape[0]), \(other.shape[1])].")
        }
    }

    /// `torch.matmul` / `@`: dot, mv, mm, or a broadcast batched product, as PyTorch dispatches by rank.
    public func matmul(_ other: Tensor) throws -> Tensor {
        let d1 = dim, d2 = other.dim
        guard d1 != 0 && d2 != 0 else {
            throw TensorError.runtime("both arguments to matmul need to be at least 1D, but they are \(d1)D and \(d2)D")
        }
        if d1 == 1 && d2 == 1 { return try dot(other) }
        if d1 == 2 && d2 == 1 { return try mv(other) }
        if d1 == 2 && d2 == 2 { return try mm(other) }
        if d1 == 1 && d2 == 2 {
            guard shape[0] == other.shape[0] else {
                throw TensorError.runtime(
                    "mm: mat1 and mat2 shapes cannot be multiplied (1x\(shape[0]) and \(other.shape[0])x\(other.shape[1]))")
            }
            try sameDTypeForMM(other)
            let a2 = detach().makeViewDetached([1, shape[0]], [0, strides[0]])
            let out = try Gemm.product(a2, other.detach()).reshape([other.shape[1]])
            return Tensor.recordProduct(out, "SqueezeBackward4", self, other, a2: a2, b2: other)
        }
        // Promote 1-D operands to matrices, as PyTorch does before the batched product.
        let a2 = d1 == 1 ? detach().makeViewDetached([1, shape[0]], [0, strides[0]]) : self
        let b2 = d2 == 1 ? other.detach().makeViewDetached([other.shape[0], 1], [other.strides[0], 0]) : other
        var outShape = Array(try Shape.broadcast(Array(a2.shape.dropLast(2)), Array(b2.shape.dropLast(2))))
        if shouldFold(other) {
            try checkFolded(other)
        } else {
            let batchProduct = outShape.reduce(1, *)
            let k = a2.shape[a2.dim - 1], m2 = b2.shape[b2.dim - 2]
            guard k == m2 else {
                throw TensorError.runtime(
                    "Expected size for first two dimensions of batch2 tensor to be: [\(batchProduct), \(k)] but got: [\(batchProduct), \(m2)].")
            }
            guard dtype == other.dtype else {
                throw TensorError.runtime("expected scalar type \(dtype.scalarTypeName) but found \(other.dtype.scalarTypeName)")
            }
        }
        if d1 > 1 { outShape.append(shape[d1 - 2]) }
        if d2 > 1 { outShape.append(other.shape[d2 - 1]) }
        let out = try Gemm.product(a2.detach(), b2.detach()).reshape(outShape)
        // PyTorch folds 2-D @ N-D (when the matrix needs grad) by transposing, then copies with contiguous().
        var name = "UnsafeViewBackward0"
        if shouldFold(other) && d2 > d1 && d1 == 2 {
            let alreadyContiguous = Shape.isContiguous(shape: outShape, strides: Tensor.transposedFoldStrides(outShape))
            name = alreadyContiguous ? "TransposeBackward0" : "CloneBackward0"
        }
        return Tensor.recordProduct(out, name, self, other, a2: a2, b2: b2)
    }

    /// Strides of PyTorch's `output.mT()` before its `contiguous()` in the transposed fold.
    private static func transposedFoldStrides(_ outShape: [Int]) -> [Int] {
        var swapped = outShape
        swapped.swapAt(outShape.count - 1, outShape.count - 2)
        var st = Shape.contiguousStrides(swapped)
        st.swapAt(outShape.count - 1, outShape.count - 2)
        return st
    }

    /// PyTorch's `should_fold`: fold the larger operand into a matrix and call mm/mv instead of bmm.
    private func shouldFold(_ other: Tensor) -> Bool {
        let larger = dim >= other.dim
        let t1 = larger ? self : other.transposedLastTwo()
        let dimT2 = larger ? other.dim : dim
        guard t1.dim >= 3 && dimT2 <= 2 else { return false }
        if larger ? other.requiresGrad : requiresGrad { return true }
        if dim == 2 { return false }
        if t1.numel == 0 { return true }
        for i in 0..<(t1.dim - 2) where t1.strides[i] != t1.strides[i + 1] * t1.shape[i + 1] {
            return false
        }
        return true
    }

    /// The errors of the folded path: mm or mv messages on the folded shapes.
    private func checkFolded(_ other: Tensor) throws {
        let transpose = other.dim > dim
        let t1Shape: [Int] = transpose ? { var s = other.shape; s.swapAt(s.count - 1, s.count - 2); return s }() : shape
        let t2Shape: [Int] = transpose ? (dim == 2 ? [shape[1], shape[0]] : shape) : other.shape
        let rows = t1Shape.dropLast().reduce(1, *), k = t1Shape[t1Shape.count - 1]
        if t2Shape.count == 2 {
            guard k == t2Shape[0] else {
                throw TensorError.runtime("mm: mat1 and mat2 shapes cannot be multiplied (\(rows)x\(k) and \(t2Shape[0])x\(t2Shape[1]))")
            }
            try sameDTypeForMM(other)
        } else {
            guard k == t2Shape[0] else {
                throw TensorError.runtime("size mismatch, got input (\(rows)), mat (\(rows)x\(k)), vec (\(t2Shape[0]))")
            }
            try sameDTypeForMM(other)
        }
    }
}
