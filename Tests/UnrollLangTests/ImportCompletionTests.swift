// Tab completion of module names after `import`/`from` and of a module's members after `from M import`.
import Testing
@testable import UnrollLang

@Suite struct ImportCompletionTests {
    @Test func completesModuleNamesAfterImportAndFrom() {
        let s = Session(output: { _ in })
        let afterImport = s.completions(for: "import tor")
        #expect(afterImport.replacing == 3)
        #expect(afterImport.candidates.first == "torch")
        #expect(afterImport.candidates.allSatisfy { $0.hasPrefix("torch") })
        #expect(afterImport.candidates.contains("torch.nn"))
        #expect(s.completions(for: "import torch.utils.d").candidates == ["torch.utils.data"])
        #expect(s.completions(for: "from torch.utils.d").candidates == ["torch.utils.data"])
        #expect(s.completions(for: "import numpy as np, pan").candidates == ["pandas"])
        #expect(s.completions(for: "import numpy, pan").candidates == ["pandas"])
        #expect(s.completions(for: "import matplotlib.py").candidates == ["matplotlib.pyplot"])
    }

    @Test func completesMembersAfterFromImport() {
        let s = Session(output: { _ in })
        #expect(s.completions(for: "from torch.utils.data import Ten").candidates == ["TensorDataset"])
        #expect(s.completions(for: "from torch.utils.data import TensorDataset, Data").candidates == ["DataLoader", "Dataset"])
        let fromTorch = s.completions(for: "from torch import n").candidates
        #expect(fromTorch.contains("nn"))
        #expect(fromTorch.contains("no_grad"))
        #expect(s.completions(for: "from nosuchmodule import x").candidates.isEmpty)
        // Importing for completion binds nothing: the name stays undefined until the statement runs.
        #expect(s.completions(for: "Tensor").candidates.contains("TensorDataset") == false)
    }
}
