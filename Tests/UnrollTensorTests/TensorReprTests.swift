// Checks Tensor.repr against PyTorch's own reprs (fixture from tools/fixtures/repr.py): formatting modes,
// summarisation, wrapping, suffixes and print options.
import Foundation
import Testing
@testable import UnrollTensor

private struct ReprOptions: Decodable {
    let precision: Int?, threshold: Int?, edgeitems: Int?, linewidth: Int?
    let sci_mode: Bool?
    let profile: String?

    /// The same steps as `torch.set_printoptions(**options)` after a reset to the default profile.
    var printOptions: PrintOptions {
        var o = PrintOptions()
        if profile == "short" { o.precision = 2; o.edgeitems = 2 }
        if let precision { o.precision = precision }
        if let threshold { o.threshold = threshold }
        if let edgeitems { o.edgeitems = edgeitems }
        if let linewidth { o.linewidth = linewidth }
        o.sciMode = sci_mode
        return o
    }
}

private enum ReprValue: Decodable {
    case hex(String), int(Int64)
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { self = .hex(s) } else { self = .int(try c.decode(Int64.self)) }
    }
    var double: Double? {
        switch self {
        case .hex(let s): return Double(s)
        case .int(let i): return Double(i)
        }
    }
}

private struct ReprCase: Decodable {
    let note: String, shape: [Int], dtype: String, requires_grad: Bool
    let values: [ReprValue]
    let options: ReprOptions
    let repr: String
}

private func reprFixture() throws -> [ReprCase] {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Fixtures").path) {
        dir = dir.deletingLastPathComponent()
    }
    let data = try Data(contentsOf: dir.appendingPathComponent("Fixtures/repr/tensor_reprs.json"))
    return try JSONDecoder().decode([ReprCase].self, from: data)
}

@Test func tensorReprMatchesPyTorch() throws {
    let cases = try reprFixture()
    #expect(cases.count >= 50)
    for item in cases {
        let dtype = try #require(DType.allCases.first { $0.torchName == "torch." + item.dtype }, "dtype \(item.dtype)")
        let doubles = try item.values.map { try #require($0.double, "value in \(item.note)") }
        let t = try Tensor(doubles, shape: item.shape).to(dtype)
        if item.requires_grad { try t.setRequiresGrad(true) }
        #expect(t.repr(options: item.options.printOptions) == item.repr, "\(item.note)")
    }
}

@Test func returnTypesPrefixIndentsContinuationLines() throws {
    let t = try Tensor((0..<12).map { Int64($0) }, shape: [12])
    let text = t.repr(prefix: "values=tensor(", options: { var o = PrintOptions(); o.linewidth = 40; return o }())
    #expect(text.hasPrefix("values=tensor([ 0,  1,"))
    #expect(text.contains("\n               "))  // continuation aligned one past the prefix's bracket
}

@Test func printOptionsArePerThread() throws {
    PrintOptions.set(precision: 2)
    defer { PrintOptions.set(precision: 4) }
    final class Box: @unchecked Sendable { var precision = -1 }
    let seen = Box()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread { seen.precision = PrintOptions.current.precision; done.signal() }
    thread.start()
    done.wait()
    #expect(PrintOptions.current.precision == 2)
    #expect(seen.precision == 4)
}
