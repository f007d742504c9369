// The registry of importable namespaces (`torch`, `torch.nn`...) that binding files fill, and import statements.
import Foundation

/// Importable modules by dotted name. Binding files register their namespaces once:
/// `ModuleRegistry.register("torch.nn", nnNamespace)` — a submodule is also reachable as an attribute of
/// its parent (`torch.nn`) once both are registered.
public enum ModuleRegistry {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var factories: [String: @Sendable () -> Namespace] = [:]

    /// Registers a module factory; each session gets fresh namespaces (sessions never share mutable state).
    public static func register(_ name: String, _ factory: @escaping @Sendable () -> Namespace) {
        lock.lock(); defer { lock.unlock() }
        factories[name] = factory
    }

    static func factory(_ name: String) -> (@Sendable () -> Namespace)? {
        lock.lock(); defer { lock.unlock() }
        return factories[name]
    }

    static var names: [String] {
        lock.lock(); defer { lock.unlock() }
        return Array(factories.keys)
    }
}


extension Interpreter {
    /// The session's instance of a registered module (created on first import, then shared).
    func loadModule(_ name: String) throws -> Namespace {
        if let ns = loadedModules[name] { return ns }
        guard let factory = ModuleRegistry.factory(name) else {
            let top = name.split(separator: ".").first.map(String.init) ?? name
            if top == "torch" || ModuleRegistry.factory(top) != nil {
                throw LangError("ModuleNotFoundError", "No module named '\(name)'",
                                hint: "Unroll provides: " + ModuleRegistry.names.filter { $0.hasPrefix(top) }.sorted().joined(separator: ", ") + ".")
            }
            // As in Python, a missing package is named by its top level: `import sklearn.preprocessing` reports 'sklearn'.
            let provided = Set(ModuleRegistry.names.map { String($0.split(separator: ".").first ?? "") }).sorted()
            throw LangError("ModuleNotFoundError", "No module named '\(top)'",
                            hint: "Unroll has no user modules; it provides torch and the course's namespaces only: " + provided.joined(separator: ", ") + ".")
        }
        let ns = factory()
        loadedModules[name] = ns
        // Link as an attribute of the parent module when that is loaded (torch.nn).
        let parts = name.split(separator: ".").map(String.init)
        if parts.count > 1 {
            let parentName = parts.dropLast().joined(separator: ".")
            if let parent = try? loadModule(parentName), parent.members[parts.last ?? ""] == nil {
                parent.members[parts.last ?? ""] = .module(ns)
            }
        }
        // Make already-registered children reachable as attributes.
        for child in ModuleRegistry.names where child.hasPrefix(name + ".") {
            let rest = child.dropFirst(name.count + 1)
            if !rest.contains("."), ns.members[String(rest)] == nil, let sub = try? loadModule(child) {
                ns.members[String(rest)] = .module(sub)
            }
        }
        return ns
    }

    func importModule(_ path: [String], alias: String?, _ frame: Frame) throws {
        let full = path.joined(separator: ".")
        let ns = try loadModule(full)
        if let alias {
            assignName(alias, .module(ns), frame)
        } else {
            for i in 1..<max(2, path.count) where i < path.count { _ = try loadModule(path.prefix(i + 1).joined(separator: ".")) }
            assignName(path[0], .module(try loadModule(path[0])), frame)
        }
    }

    func importFrom(_ path: [String], _ names: [(name: String, alias: String?)], _ frame: Frame) throws {
        let moduleName = path.joined(separator: ".")
        let ns = try loadModule(moduleName)
        for (name, alias) in names {
            if let v = ns.members[name] {
                assignName(alias ?? name, v, frame)
            } else if ModuleRegistry.factory(moduleName + "." + name) != nil {
                assignName(alias ?? name, .module(try loadModule(moduleName + "." + name)), frame)
            } else {
                var e = LangError("ImportError", "cannot import name '\(name)' from '\(moduleName)'")
                if let close = closestName(to: name, in: Array(ns.members.keys)) { e.hint = "Did you mean: '\(close)'?" }
                throw e
            }
        }
    }
}

extension Namespace {
    /// Members a learner can use: what `dir`, `help`, `:help` and Tab completion list. Stubs that exist only to
    /// raise NotImplementedError for a known-but-unsupported name (`plt.bar`) stay callable but are not offered.
    public var listedNames: [String] {
        guard let stubs = unsupportedStubs[name] else { return Array(members.keys) }
        return members.keys.filter { !stubs.contains($0) }
    }
}

/// Per namespace, the names bound only to say they are not supported.
let unsupportedStubs: [String: Set<String>] = ["matplotlib.pyplot": Set(PyplotBinding.unsupported)]
