// torch.save/torch.load, safetensors.torch and load_state_dict through the interpreter, with files real PyTorch wrote.
import Foundation
import Testing
@testable import UnrollLang

/// Tests/Fixtures/nn, found by walking up from this file.
let nnFixtures: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        let candidate = url.appendingPathComponent("Tests/Fixtures/nn")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
    }
    return "Tests/Fixtures/nn"
}()

@Suite struct SerializationBindingTests {
    @Test func loadFileReadsWhatPyTorchWrote() {
        let (out, outcome) = run("""
            from safetensors.torch import load_file
            sd = load_file('\(nnFixtures)/torch_written.safetensors')
            list(sd.keys())
            sd['steps']
            sd['mask']
            sd['scale'].dtype
            sd['0.weight_hr_l0'].shape

            """)
        #expect(outcome.succeeded, "\(outcome.errorText ?? "")")
        #expect(out == """
            ['steps', 'scale', '0.bias_hh_l0', '0.bias_ih_l0', '0.weight_hh_l0', '0.weight_hr_l0', '0.weight_ih_l0', '1.bias', '1.weight', 'mask']
            tensor([1, 2, 3])
            tensor([ True, False])
            torch.float64
            torch.Size([2, 4])

            """)
    }

    @Test func aPyTorchCheckpointIsRefusedWithAClearError() {
        let (_, outcome) = run("import torch\nsd = torch.load('\(nnFixtures)/torch_pickle.pt')\n")
        #expect(!outcome.succeeded)
        #expect(outcome.errorLine == "RuntimeError: '\(nnFixtures)/torch_pickle.pt' is a PyTorch checkpoint (a zip archive holding a pickle, as torch.save writes), not a safetensors file")
        #expect(outcome.errorText?.contains("safetensors.torch.save_file(model.state_dict(), 'model.safetensors')") == true)
    }

    @Test func torchSaveRoundTripKeepsKeyOrderAndRefusesOtherObjects() throws {
        let path = NSTemporaryDirectory() + "unroll-save-\(UUID().uuidString).pt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (out, outcome) = run("""
            import torch
            import torch.nn as nn
            net = nn.GRU(2, 3, num_layers=2, bidirectional=True)
            torch.save(net.state_dict(), '\(path)')
            sd = torch.load('\(path)', weights_only=True)
            list(sd.keys()) == list(net.state_dict().keys())
            net2 = nn.GRU(2, 3, num_layers=2, bidirectional=True)
            net2.load_state_dict(sd)
            all(torch.equal(a, b) for a, b in zip(net.parameters(), net2.parameters()))

            """)
        #expect(outcome.succeeded, "\(outcome.errorText ?? "")")
        #expect(out.hasPrefix("True\n<All keys matched successfully>\n"))
        let (_, bad) = run("import torch\ntorch.save(3, '\(path)')\n")
        #expect(bad.errorLine == "TypeError: Unroll's torch.save stores a dict of tensors such as model.state_dict(), not int")
    }

    @Test func hostileFileIsASafetensorError() throws {
        let path = NSTemporaryDirectory() + "unroll-bad-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var bytes: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]
        bytes += Array("{}".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let (_, outcome) = run("from safetensors.torch import load_file\nload_file('\(path)')\n")
        #expect(outcome.errorLine?.hasPrefix("SafetensorError: '\(path)': Error while deserializing header: HeaderTooLarge") == true)
    }
}
