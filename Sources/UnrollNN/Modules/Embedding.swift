// nn.Embedding: a lookup table of rows, N(0, 1) initialised, with padding_idx, max_norm renormalisation and EmbeddingBackward0.
import Foundation
import UnrollTensor

/// `nn.Embedding(num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0,
/// scale_grad_by_freq=False, sparse=False)`: `forward(indices)` returns `weight[indices]`.
public final class Embedding: Module, DescribedLayer {
    public let numEmbeddings: Int
    public let embeddingDim: Int
    /// Already made non-negative, as PyTorch stores it (`padding_idx=-1` becomes `num_embeddings - 1`).
    public let paddingIdx: Int?
    public let maxNorm: Double?
    public let normType: Double
    public let scaleGradByFreq: Bool

    public static let layerDescription = LayerDescription(
        "Embedding", module: "torch.nn.modules.sparse",
        settings: [
            LayerSetting("num_embeddings", .int, "rows of the table: the vocabulary size"),
            LayerSetting("embedding_dim", .int, "size of each row (E)"),
            LayerSetting("padding_idx", .optionalInt, default: SettingValue.none,
                         "this row starts at zero and never gets a gradient"),
            LayerSetting("max_norm", .optionalDouble, default: SettingValue.none,
                         "rows looked up are rescaled in place to at most this norm"),
            LayerSetting("norm_type", .double, default: .double(2), "the p of the norm max_norm uses"),
            LayerSetting("scale_grad_by_freq", .bool, default: .bool(false),
                         "divide a row's gradient by how often the batch uses it"),
            LayerSetting("sparse", .bool, default: .bool(false), "sparse gradients (not in Unroll: keep False)"),
            LayerSetting("_weight", .optionalTensor, default: SettingValue.none, role: .argumentOnly, documented: false),
            LayerSetting("_freeze", .bool, default: .bool(false), role: .argumentOnly, documented: false),
        ] + LayerSetting.factoryKeywords,
        forward: [ForwardArgument("input")],
        shapes: """
            input   integer indices of any shape (*), each in [0, num_embeddings)
            output  (*, E): row input[i] of weight for every index
            parameters  weight [num_embeddings, E], N(0, 1), row padding_idx zero
            """
    ) { a in
        try Embedding(a.int("num_embeddings"), a.int("embedding_dim"), paddingIdx: a.optionalInt("padding_idx"),
                      maxNorm: a.optionalDouble("max_norm"), normType: a.double("norm_type"),
                      scaleGradByFreq: a.bool("scale_grad_by_freq"), sparse: a.bool("sparse"),
                      weight: a.optionalTensor("_weight"), freeze: a.bool("_freeze"))
    }

    public init(_ numEmbeddings: Int, _ embeddingDim: Int, paddingIdx: Int? = nil, maxNorm: Double? = nil,
                normType: Double = 2, scaleGradByFreq: Bool = false, sparse: Bool = false, weight: Tensor? = nil,
                freeze: Bool = false) throws {
        if let p = paddingIdx, p >= numEmbeddings || p < -numEmbeddings {
            throw TensorError(.assertion, "Padding_idx must be within num_embeddings")
        }
        if sparse {
            throw TensorError(.notImplemented, "Unroll's Embedding has no sparse gradients; use sparse=False")
        }
        self.numEmbeddings = numEmbeddings
        self.embeddingDim = embeddingDim
        self.paddingIdx = paddingIdx.map { $0 < 0 ? numEmbeddings + $0 : $0 }
        self.maxNorm = maxNorm
        self.normType = normType
        self.scaleGradByFreq = scaleGradByFreq
        super.init()
        if let weight {
            guard weight.shape == [numEmbeddings, embeddingDim] else {
                throw TensorError(.assertion, "Shape of weight does not match num_embeddings and embedding_dim")
            }
            register("weight", parameter: try Parameter(weight.detach(), requiresGrad: !freeze))
        } else {
            register("weight", parameter: try Parameter(Tensor(zeros: [numEmbeddings, embeddingDim]), requiresGrad: !freeze))
            try resetParameters()
        }
    }

    public var weight: Tensor? { parameter("weight") }

    /// PyTorch's `reset_parameters`: `init.normal_(weight)`, then the padding row zeroed.
    public func resetParameters() throws {
        guard let weight else { return }
        try NNRandom.source.normal_(weight, mean: 0, std: 1)
        if let paddingIdx {
            let row = weight.storage.pointer(Float.self) + weight.offset + paddingIdx * embeddingDim
            row.update(repeating: 0, count: embeddingDim)
        }
    }

    public override func initialisation(of name: String) -> String? {
        guard name == "weight" else { return nil }
        return paddingIdx.map { "N(0, 1), row \($0) zero (padding_idx)" } ?? "N(0, 1)"
    }

    public override func settingValue(_ name: String) -> SettingValue? {
        switch name {
        case "num_embeddings": return .int(numEmbeddings)
        case "embedding_dim": return .int(embeddingDim)
        case "padding_idx": return paddingIdx.map { .int($0) } ?? SettingValue.none
        case "max_norm": return maxNorm.map { .double($0) } ?? SettingValue.none
        case "norm_type": return .double(normType)
        case "scale_grad_by_freq": return .bool(scaleGradByFreq)
        case "sparse": return .bool(false)
        default: return nil
        }
    }

    public override func extraRepr() -> String {
        var s = "\(numEmbeddings), \(embeddingDim)"
        if let paddingIdx { s += ", padding_idx=\(paddingIdx)" }
        if let maxNorm { s += ", max_norm=\(PythonFloatRepr.format(maxNorm))" }
        if normType != 2 { s += ", norm_type=\(PythonFloatRepr.format(normType))" }
        if scaleGradByFreq { s += ", scale_grad_by_freq=True" }
        return s
    }

    public override func forward(_ inputs: [ModuleValue]) throws -> ModuleValue {
        guard inputs.count == 1, let x = inputs[0].tensor else { throw TensorError.type("Embedding.forward() expects one tensor") }
        return .tensor(try forward(x))
    }

    /// `F.embedding(input, weight, ...)` with this layer's settings.
    public func forward(_ input: Tensor) throws -> Tensor {
        guard let weight else { throw TensorError.runtime("Embedding has no weight") }
        return try embedding(input, weight: weight, paddingIdx: paddingIdx, maxNorm: maxNorm, normType: normType,
                             scaleGradByFreq: scaleGradByFreq)
    }
}

/// `F.embedding`: the rows of `weight` that `input` names, recorded as `EmbeddingBackward0`. With `maxNorm`, the
/// rows looked up are first rescaled in place (outside autograd), in ascending index order as PyTorch does.
public func embedding(_ input: Tensor, weight: Tensor, paddingIdx: Int? = nil, maxNorm: Double? = nil,
                      normType: Double = 2, scaleGradByFreq: Bool = false) throws -> Tensor {
    guard input.dtype == .int64 else {
        let legacy = ["Bool": "torch.BoolTensor", "Float": "torch.FloatTensor", "Double": "torch.DoubleTensor"]
        throw TensorError.runtime("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; "
                                  + "but got \(legacy[input.dtype.scalarTypeName] ?? input.dtype.torchName) instead (while checking arguments for embedding)")
    }
    guard weight.dim == 2 else { throw TensorError.runtime("'weight' must be 2-D") }
    let (rows, width) = (weight.shape[0], weight.shape[1])
    let indices = input.toArray(Int64.self)
    var positions = [Int]()
    positions.reserveCapacity(indices.count)
    for index in indices {
        guard index >= 0, index < Int64(rows) else { throw TensorError.index("index out of range in self") }
        positions.append(Int(index))
    }
    if let maxNorm { try renormalise(weight, rows: Set(positions).sorted(), maxNorm: maxNorm, normType: normType) }
    let w = try denseFloat(weight, role: "weight")
    let out = try makeFloatTensor(input.shape + [width], writesEveryElement: true) { y in
        for (i, row) in positions.enumerated() { (y + i * width).update(from: w.floatPointer + row * width, count: width) }
    }
    return out.recordGrad("EmbeddingBackward0", inputs: [weight]) { g in
        let gy = try denseFloat(g, role: "gradient")
        var counts = [Int](repeating: 0, count: scaleGradByFreq ? rows : 0)
        for row in positions where scaleGradByFreq { counts[row] += 1 }
        let dw = try makeFloatTensor([rows, width]) { p in
            let src = gy.floatPointer
            for (i, row) in positions.enumerated() where row != paddingIdx {
                let target = p + row * width, from = src + i * width
                if scaleGradByFreq {
                    let scale = 1 / Float(counts[row])
                    for j in 0..<width { target[j] += from[j] * scale }
                } else {
                    for j in 0..<width { target[j] += from[j] }
                }
            }
        }
        return [dw]
    }
}

/// `torch.embedding_renorm_`: each listed row whose p-norm exceeds `maxNorm` is scaled by maxNorm / (norm + 1e-7).
private func renormalise(_ weight: Tensor, rows: [Int], maxNorm: Double, normType: Double) throws {
    guard weight.dtype == .float32, weight.isContiguous else {
        throw TensorError.runtime("embedding_renorm_: Unroll renormalises contiguous float32 weights only")
    }
    let width = weight.shape[1]
    let base = weight.storage.pointer(Float.self) + weight.offset
    for r in rows {
        let row = base + r * width
        var norm = 0.0
        if normType == 1 {
            for j in 0..<width { norm += Double(abs(row[j])) }
        } else if normType == 2 {
            var sum: Float = 0
            for j in 0..<width { sum += row[j] * row[j] }
            norm = Double(sum.squareRoot())
        } else {
            var sum = 0.0
            for j in 0..<width { sum += pow(Double(abs(row[j])), normType) }
            norm = pow(sum, 1 / normType)
        }
        if norm > maxNorm {
            let scale = Float(maxNorm / (norm + 1e-7))
            for j in 0..<width { row[j] *= scale }
        }
    }
}
