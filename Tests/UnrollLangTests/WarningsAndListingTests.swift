// PyTorch's UserWarnings on stderr (loss size mismatch, implicit softmax dim) and what namespaces list to learners.
import Foundation
import Testing
@testable import UnrollLang

/// A session whose warnings and printed output are captured separately.
private func capturedSession() -> (Session, OutputBox, OutputBox) {
    let out = OutputBox(), warnings = OutputBox()
    let session = Session(output: { out.text += $0 })
    session.interpreterForBindings.warningSink = { warnings.text += $0 }
    return (session, out, warnings)
}

@Suite struct WarningsAndListingTests {
    static let mismatch = "UserWarning: Using a target size (torch.Size([4])) that is different to the input size (torch.Size([4, 1])). "
        + "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.\n"

    @Test(arguments: ["nn.MSELoss()(a, b)", "F.mse_loss(a, b)", "nn.L1Loss()(a, b)", "F.l1_loss(a, b)",
                      "nn.HuberLoss()(a, b)", "F.huber_loss(a, b)"])
    func lossWarnsOnceWhenTargetSizeDiffers(_ call: String) {
        let (session, out, warnings) = capturedSession()
        let setup = session.run("import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\na = torch.zeros(4, 1)\nb = torch.zeros(4)\n")
        #expect(setup.succeeded)
        for _ in 0..<3 { #expect(session.run("loss = \(call)\n").succeeded) }
        #expect(warnings.text == Self.mismatch)
        #expect(!out.text.contains("UserWarning"))
    }

    @Test func sameSizesDoNotWarn() {
        let (session, _, warnings) = capturedSession()
        #expect(session.run("import torch\nimport torch.nn as nn\nl = nn.MSELoss()(torch.zeros(4, 1), torch.ones(4, 1))\n").succeeded)
        #expect(warnings.text.isEmpty)
    }

    @Test func warningComesBeforeTheBroadcastError() {
        let (session, _, warnings) = capturedSession()
        let outcome = session.run("import torch\nimport torch.nn.functional as F\nF.mse_loss(torch.zeros(4, 2), torch.zeros(3))\n")
        #expect(outcome.errorLine == "RuntimeError: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1")
        #expect(warnings.text.hasPrefix("UserWarning: Using a target size (torch.Size([3])) that is different to the input size (torch.Size([4, 2]))"))
    }

    @Test func softmaxWithoutDimWarns() {
        let (session, out, warnings) = capturedSession()
        #expect(session.run("import torch\nimport torch.nn.functional as F\nF.softmax(torch.zeros(2, 3)).shape\nF.log_softmax(torch.zeros(2, 3), dim=1).shape\n").succeeded)
        #expect(out.text == "torch.Size([2, 3])\ntorch.Size([2, 3])\n")
        #expect(warnings.text == "UserWarning: Implicit dimension choice for softmax has been deprecated. Change the call to include dim=X as an argument.\n")
    }

    @Test func pyplotListsOnlyWhatItSupports() throws {
        let (session, out, _) = capturedSession()
        #expect(session.run("import matplotlib.pyplot as plt\nnames = dir(plt)\nprint('bar' in names, 'hist' in names, 'plot' in names)\n").succeeded)
        #expect(out.text == "False False True\n")
        let completed = session.completions(for: "plt.").candidates
        #expect(completed.contains("plot") && completed.contains("subplots"))
        for name in PyplotBinding.unsupported { #expect(!completed.contains(name), "plt.\(name) is offered by completion") }
        #expect(session.completions(for: "plt.ba").candidates.isEmpty)
        #expect(session.completions(for: "plt.hi").candidates.isEmpty)
        // The names still say why they fail when called.
        let outcome = session.run("plt.bar([1], [2])\n")
        #expect(outcome.errorLine == "NotImplementedError: matplotlib.pyplot.bar is not supported by Unroll")
    }

    @Test func helpOnPyplotListsOnlySupportedNames() {
        let (session, out, _) = capturedSession()
        #expect(session.run("import matplotlib.pyplot as plt\nhelp(plt)\n").succeeded)
        let listed = Set(out.text.split(separator: "\n").dropFirst().map(String.init))
        #expect(listed == Set(PyplotBinding.supported))
    }

    @Test func getAndSetNumThreads() {
        let (session, out, _) = capturedSession()
        #expect(session.run("import torch\ncores = torch.get_num_threads()\ntorch.set_num_threads(1)\ntorch.get_num_threads()\ntorch.set_num_threads(cores)\ntorch.get_num_threads() == cores\n").succeeded)
        #expect(out.text == "1\nTrue\n")
    }

    @Test func helpOnALayerClassShowsItsArgumentsAndShapes() {
        let (session, out, _) = capturedSession()
        #expect(session.run("import torch.nn as nn\nhelp(nn.RNN)\n").succeeded)
        #expect(out.text.hasPrefix("Help on class RNN in module torch.nn.modules.rnn:\n\nnn.RNN(input_size, hidden_size, num_layers=1,"))
        #expect(out.text.contains("h_n     (D·num_layers, N, H)"))
        out.text = ""
        #expect(session.run("help(nn.Dropout)\n").succeeded)
        #expect(out.text.hasPrefix("Help on class Dropout in module torch.nn.modules.dropout:\n\nnn.Dropout(p=0.5, inplace=False)\n"))
        out.text = ""
        // Only what the constructor takes: PyTorch's MSELoss has no `weight`.
        #expect(session.run("help(nn.MSELoss)\n").succeeded)
        #expect(out.text.contains("nn.MSELoss(reduction='mean')\n"))
        #expect(!out.text.contains("weight"))
    }

    @Test func helpOnAFunctionShowsDefaults() {
        let (session, out, _) = capturedSession()
        #expect(session.run("def f(a, b=2, c='x'):\n    return a\nhelp(f)\n").succeeded)
        #expect(out.text == "Help on function f in module __main__:\n\nf(a, b=2, c='x')\n")
    }

    /// Expected suggestions are what CPython 3.11 printed for `o.NAME` on an object with these attributes.
    @Test(arguments: [
        ("hidden", ["hidden_size", "input_size", "num_layers"], nil), ("x", ["y", "xs"], "xs"), ("rnn", ["run", "nn", "torch"], "nn"),
        ("weight_hh_l1", ["weight_hh_l0", "weight_ih_l0", "bias_hh_l0"], "weight_hh_l0"), ("lenght", ["len", "length", "lengths"], "length"),
        ("a", ["b"], nil), ("ab", ["ac", "abc"], "abc"), ("conut", ["count", "index"], "count"),
        ("Hidden_Size", ["hidden_size"], "hidden_size"), ("outputs", ["output", "outs"], "output"),
    ] as [(String, [String], String?)])
    func didYouMeanMatchesCPython(_ name: String, _ candidates: [String], _ expected: String?) {
        #expect(closestName(to: name, in: candidates) == expected)
    }

    @Test func didYouMeanOnNamespaces() {
        let (session, _, _) = capturedSession()
        _ = session.run("import torch.nn as nn\n")
        #expect(session.run("nn.Rnn\n").errorText?.hasSuffix("Did you mean: 'RNN'?") == true)
        #expect(session.run("nn.Linaer\n").errorText?.hasSuffix("Did you mean: 'Linear'?") == true)
        #expect(session.run("nn.lstm\n").errorText?.contains("Did you mean") == false)
    }

    @Test func dropoutOnOneRecurrentLayerWarns() {
        let (session, _, warnings) = capturedSession()
        #expect(session.run("import torch.nn as nn\nrnn = nn.RNN(3, 4, dropout=0.5)\nlstm = nn.LSTM(3, 4, num_layers=2, dropout=0.5)\n").succeeded)
        #expect(warnings.text == "UserWarning: dropout option adds dropout after all but last recurrent layer, so non-zero dropout "
                + "expects num_layers greater than 1, but got dropout=0.5 and num_layers=1\n")
    }

    @Test func readingANonLeafGradWarnsUnlessRetained() {
        let (session, out, warnings) = capturedSession()
        #expect(session.run("import torch\nx = torch.ones(2, requires_grad=True)\nz = x * 3\nx.grad\nz.grad\n").succeeded)
        #expect(out.text.isEmpty)
        #expect(warnings.text.hasPrefix("UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed."))
        warnings.text = ""
        let (other, _, quiet) = capturedSession()
        #expect(other.run("import torch\nx = torch.ones(2, requires_grad=True)\nz = x * 3\nz.retain_grad()\nz.grad\n").succeeded)
        #expect(quiet.text.isEmpty)
    }
}
