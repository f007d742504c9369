// The subclass-of-host-class hook nn.Module builds on: backing creation, attribute forwarding, calls, repr.
import Testing
@testable import UnrollLang

/// A stand-in for nn.Module: records registered attributes in order and calls `forward` when called.
final class FakeModuleBacking: HostObject {
    let className: String
    weak var instance: Instance?
    var registered: [(String, Value)] = []
    init(className: String, instance: Instance) {
        self.className = className
        self.instance = instance
    }
    var typeName: String { className }
    func repr(_ interp: Interpreter) throws -> String { "\(className)(" + registered.map(\.0).joined(separator: ", ") + ")" }
    func setAttribute(_ name: String, _ value: Value, _ interp: Interpreter) throws -> Bool {
        guard case .int = value else { return false }
        registered.append((name, value))
        return true
    }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        if let v = registered.first(where: { $0.0 == name })?.1 { return v }
        if name == "names" { return .makeList(registered.map { .str($0.0) }) }
        return nil
    }
    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        guard let instance else { return nil }
        return try interp.callMethod(.instance(instance), "forward", args, kwargs)
    }
}

final class FakeModuleClass: HostClass, @unchecked Sendable {
    var initialized = 0
    var typeName: String { "type" }
    var className: String { "Module" }
    func repr(_ interp: Interpreter) throws -> String { "<class 'fake.Module'>" }
    func makeBacking(for instance: Instance, className: String, _ interp: Interpreter) throws -> any HostObject {
        FakeModuleBacking(className: className, instance: instance)
    }
    func initialize(_ instance: Instance, args: [Value], kwargs: [(String, Value)], _ interp: Interpreter) throws {
        initialized += 1
    }
}

@Suite struct HostClassTests {
    @Test func userSubclassGoesThroughTheHooks() throws {
        let fake = FakeModuleClass()
        ModuleRegistry.register("fakenn") {
            Namespace("fakenn", members: ["Module": .object(fake)])
        }
        let box = OutputBox()
        let s = Session(output: { box.text += $0 })
        let outcome = s.run("""
        import fakenn as nn
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.b = 2
                self.a = 1
                self.label = "kept on the instance"
            def forward(self, x):
                return x * self.a + self.b
        net = Net()
        net(10)
        net.names
        net.label
        net
        isinstance(net, nn.Module)

        """)
        #expect(outcome.succeeded, "\(outcome.errorText ?? "")")
        #expect(box.text == "12\n['b', 'a']\n'kept on the instance'\nNet(b, a)\nTrue\n")
        #expect(fake.initialized == 1)
    }
}
