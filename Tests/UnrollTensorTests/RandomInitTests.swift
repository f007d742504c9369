// nn.init's draws: replaying uniform_ with PyTorch's bounds, parameter by parameter, reproduces module initialisation.
import Foundation
import Testing
@testable import UnrollTensor

@Suite struct RandomInitTests {
    @Test func uniformReplaysModuleInitialisation() throws {
        let modules = try #require(try RandomFixtures.load("init.json") as? [[String: Any]])
        #expect(modules.count == 10)
        for module in modules {
            let gen = Generator(seed: RandomFixtures.seed(module["seed"]))
            let parameters = try #require(module["parameters"] as? [[String: Any]])
            for parameter in parameters {
                let shape = parameter["shape"] as? [Int] ?? []
                let weight = try Tensor.empty(shape, dtype: RandomFixtures.dtype(parameter))
                try weight.uniform_(RandomFixtures.double(parameter["from"]), RandomFixtures.double(parameter["to"]), generator: gen)
                #expect(
                    RandomFixtures.strings(weight) == parameter["values"] as? [String],
                    "\(module["module"] ?? "") seed \(module["seed"] ?? "") \(parameter["name"] ?? "")")
            }
        }
    }
}
