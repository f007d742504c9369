// Every name dir() and Tab offer on a provided object resolves: namespaces, their members, layers, tensors and friends.
import Testing
import UnrollNN
@testable import UnrollLang

@Suite struct DirListingTests {
    /// Objects a program gets from the provided namespaces, beyond the namespaces and their members themselves.
    static let samples = [
        "torch.randn(2, 3)", "torch.randn(2, 3).requires_grad_()", "nn.Parameter(torch.zeros(2))", "torch.Size([2, 3])",
        "torch.optim.Adam(nn.Linear(2, 2).parameters())", "torch.optim.SGD(nn.Linear(2, 2).parameters(), lr=0.1)",
        "torch.utils.data.TensorDataset(torch.zeros(4, 2))",
        "torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.zeros(4, 2)), batch_size=2)",
        "np.zeros(3)", "np.float32(1.5)", "pd.DataFrame({'a': [1, 2]})", "pd.DataFrame({'a': [1, 2]})['a']",
        "plt.figure()", "plt.subplots()[1]", "torch.manual_seed(0)", "torch.no_grad()", "torch.float32",
        "nn.Linear(2, 3).load_state_dict(nn.Linear(2, 3).state_dict())",
    ]

    /// A default instance of every built-in layer, built from its description (required ints are 3).
    static var layerInstances: [String] {
        NNBinding.layers.map { layer in
            let d = layer.layerDescription
            if d.name == "Sequential" { return "nn.Sequential(nn.Linear(3, 3), nn.Tanh())" }
            return "nn.\(d.name)(" + Array(repeating: "3", count: d.requiredCount).joined(separator: ", ") + ")"
        }
    }

    /// The attribute names `dir(expr)` lists, read through the session.
    static func listed(_ session: Session, _ expression: String) throws -> [String] {
        guard case .list(let box) = try session.evaluate("dir(\(expression))") else { return [] }
        return box.items.compactMap { if case .str(let s) = $0 { return s } else { return nil } }
    }

    /// Names `dir(expression)` lists that are missing when read (AttributeError) or that Unroll lists without
    /// providing (NotImplementedError). Other errors are PyTorch's own: `dir(torch.zeros(2))` lists `mT`, which
    /// raises RuntimeError on a 1-D tensor there too.
    static func unresolved(_ session: Session, _ expression: String) throws -> [String] {
        try listed(session, expression).filter { name in
            guard name.first.map({ $0.isLetter || $0 == "_" }) == true else { return false }
            do {
                _ = try session.evaluate("(\(expression)).\(name)")
                return false
            } catch let error as LangError {
                return error.type == "AttributeError" || error.type == "NotImplementedError"
            } catch {
                return true
            }
        }
    }

    @Test func everyListedNameOfEveryNamespaceAndMemberResolves() throws {
        let session = Session(output: { _ in })
        var broken: [String] = []
        for name in ModuleRegistry.names.sorted() {
            guard session.run("import \(name)\n", echo: false).succeeded else {
                broken.append("import \(name)")
                continue
            }
            broken += try Self.unresolved(session, name).map { "\(name).\($0)" }
            for member in try Self.listed(session, name) where member.first?.isLetter == true {
                let path = "\(name).\(member)"
                if case .module = try session.evaluate(path) { continue }
                broken += try Self.unresolved(session, path).map { "\(path).\($0)" }
            }
        }
        #expect(broken == [])
    }

    @Test func everyListedNameOfLayersTensorsAndOtherObjectsResolves() throws {
        let session = Session(output: { _ in })
        #expect(session.run("import torch\nimport torch.nn as nn\nimport torch.utils.data\nimport numpy as np\nimport pandas as pd\nimport matplotlib.pyplot as plt\n",
                            echo: false).succeeded)
        var broken: [String] = []
        for expression in Self.samples + Self.layerInstances {
            guard session.run("_sample = \(expression)\n", echo: false).succeeded else {
                broken.append("cannot build \(expression)")
                continue
            }
            broken += try Self.unresolved(session, "_sample").map { "\(expression).\($0)" }
        }
        #expect(broken == [])
    }

    @Test func everyLayerAttributeItsDescriptionListsHasAValue() throws {
        let session = Session(output: { _ in })
        #expect(session.run("import torch.nn as nn\n", echo: false).succeeded)
        for (layer, expression) in zip(NNBinding.layers, Self.layerInstances) {
            for name in layer.layerDescription.attributeNames {
                #expect(throws: Never.self, "\(expression).\(name)") { _ = try session.evaluate("\(expression).\(name)") }
            }
        }
    }
}
