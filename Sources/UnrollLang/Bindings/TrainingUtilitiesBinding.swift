// `unroll.training`: the course's EarlyStopping (patience, delta, best-model checkpoints as safetensors) and strfdelta.
import Foundation
import UnrollNN
import UnrollTensor

/// `from unroll.training import EarlyStopping, strfdelta` stands in for the course's own
/// `_01_code._06_fcn_best_practice.c_trainer` imports: same constructor, same `check_and_save` messages,
/// checkpoints written atomically as `.safetensors` (which real PyTorch reads with `safetensors.torch.load_file`).
enum TrainingUtilitiesBinding {
    static func register() {
        if ModuleRegistry.factory("unroll") == nil { ModuleRegistry.register("unroll") { Namespace("unroll") } }
        ModuleRegistry.register("unroll.training") {
            let ns = Namespace("unroll.training")
            ns.define("EarlyStopping", keywords: EarlyStopping.parameters) { args, kwargs, interp in
                .object(try EarlyStopping(try Arguments("EarlyStopping", EarlyStopping.parameters, args, kwargs), interp))
            }
            ns.define("strfdelta", keywords: ["tdelta", "fmt"]) { args, kwargs, _ in
                let a = try Arguments("strfdelta", ["tdelta", "fmt"], required: 2, args, kwargs)
                guard case .object(let o) = a.values["tdelta"] ?? .none, let delta = o as? TimeDelta else {
                    throw LangError.typeError("strfdelta() argument 'tdelta' must be datetime.timedelta, not \((a.values["tdelta"] ?? .none).typeName)")
                }
                return .str(try strfdelta(delta, try (a.values["fmt"] ?? .none).asString(what: "strfdelta(): fmt")))
            }
            return ns
        }
    }

    /// The course's `strfdelta`: `%D` days, `%H`/`%M`/`%S` two-digit hours, minutes and seconds of the remainder,
    /// substituted like `string.Template` with `%` as delimiter (`%%` is a literal `%`).
    static func strfdelta(_ delta: TimeDelta, _ format: String) throws -> String {
        let (h, rest) = delta.seconds.quotientAndRemainder(dividingBy: 3600)
        let (m, s) = rest.quotientAndRemainder(dividingBy: 60)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let fields: [String: String] = ["D": String(delta.days), "H": two(h), "M": two(m), "S": two(s)]
        var out = ""
        var chars = Array(format)[...]
        while let c = chars.popFirst() {
            guard c == "%" else { out.append(c); continue }
            if chars.first == "%" { chars.removeFirst(); out.append("%"); continue }
            var name = ""
            while let n = chars.first, n.isLetter || n.isNumber || n == "_" { name.append(n); chars.removeFirst() }
            guard let value = fields[name] else {
                throw LangError("KeyError", pythonStringRepr(name))
            }
            out += value
        }
        return out
    }
}

/// Early stopping with best-model checkpoints, as the course's `EarlyStopping`.
final class EarlyStopping: HostObject {
    static let parameters = ["patience", "delta", "project_name", "checkpoint_file_path", "run_time_str"]

    let patience: Int
    let delta: Double
    private(set) var counter = 0
    private(set) var bestLoss: Double?
    /// `{checkpoint_file_path}/{project_name}_checkpoint_{run_time_str}.safetensors`, and its `_latest` twin;
    /// nil without `checkpoint_file_path` (then the best weights are kept in memory only).
    let filePath: String?
    let latestFilePath: String?
    private var bestInMemory: [(String, Tensor)] = []

    init(_ a: Arguments, _ interp: Interpreter) throws {
        patience = try a.int("patience", default: 10)
        delta = try a.double("delta", default: 0.00001)
        if let directory = a["checkpoint_file_path"] {
            let dir = try directory.asString(what: "EarlyStopping(): checkpoint_file_path")
            let project = try interp.str(a.values["project_name"] ?? .none)
            let run = try interp.str(a.values["run_time_str"] ?? .none)
            let base = URL(fileURLWithPath: dir)
            filePath = base.appendingPathComponent("\(project)_checkpoint_\(run).safetensors").path
            latestFilePath = base.appendingPathComponent("\(project)_checkpoint_latest.safetensors").path
        } else {
            filePath = nil
            latestFilePath = nil
        }
    }

    var typeName: String { "EarlyStopping" }
    func repr(_ interp: Interpreter) throws -> String {
        "EarlyStopping(patience=\(patience), delta=\(pythonFloatRepr(delta)), counter=\(counter))"
    }

    private static func loss(_ value: Value, _ interp: Interpreter) throws -> Double {
        switch value {
        case .int, .float, .bool: return try value.asDouble()
        case .object(let o):
            if let d = try o.toDouble(interp) { return d }
        default: break
        }
        throw LangError.typeError("check_and_save(): the validation loss must be a number, not \(value.typeName)")
    }

    private static func module(_ value: Value) throws -> Module {
        guard let m = ModuleAccess.module(value) else {
            throw LangError.typeError("expected an nn.Module, got \(value.typeName)")
        }
        return m
    }

    /// The course's rule: the first check records the loss; a loss below `best - delta` saves a checkpoint and
    /// resets the counter; anything else counts towards `patience`. Returns `(message, early_stop)`.
    func checkAndSave(_ lossValue: Value, _ modelValue: Value, _ interp: Interpreter) throws -> Value {
        let newLoss = try Self.loss(lossValue, interp)
        let model = try Self.module(modelValue)
        var earlyStop = false
        let message: String
        if let best = bestLoss {
            if newLoss < best - delta {
                message = "V_loss decreased (\(try interp.format(.float(best), spec: "7.5f")) --> "
                    + "\(try interp.format(.float(newLoss), spec: "7.5f"))). Saving model..."
                try save(newLoss, model)
                counter = 0
            } else {
                counter += 1
                var text = "Early stopping counter: \(counter) out of \(patience)"
                if counter >= patience {
                    earlyStop = true
                    text += " *** TRAIN EARLY STOPPED! ***"
                }
                message = text
            }
        } else {
            // The course's wording, kept as it is. Unlike the course, the first model is saved too, so that
            // restore_best always has a checkpoint to go back to.
            message = "Early stopping is stated!"
            try save(newLoss, model)
        }
        return .tuple([.str(message), .bool(earlyStop)])
    }

    /// Saves the model's state dict (atomically) and records `loss` as the best.
    func save(_ loss: Double, _ model: Module) throws {
        if let filePath, let latestFilePath {
            try SafetensorsBinding.translating {
                try FileManager.default.createDirectory(atPath: (filePath as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try model.saveStateDict(to: filePath)
                try model.saveStateDict(to: latestFilePath)
            }
        } else {
            bestInMemory = try GradMode.withDisabled { try model.stateDict().entries.map { ($0.0, try $0.1.clone()) } }
        }
        bestLoss = loss
    }

    /// Loads the best checkpoint back into `model`.
    func restoreBest(_ model: Module) throws {
        guard bestLoss != nil else {
            throw LangError("RuntimeError", "EarlyStopping has no checkpoint yet: call check_and_save first")
        }
        if let filePath {
            try SafetensorsBinding.translating { _ = try model.loadStateDict(from: filePath) }
        } else {
            _ = try model.loadStateDict(StateDict(bestInMemory))
        }
    }

    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "patience": return .int(Int64(patience))
        case "delta": return .float(delta)
        case "counter": return .int(Int64(counter))
        case "val_loss_min": return bestLoss.map { .float($0) } ?? .none
        case "file_path": return filePath.map { .str($0) } ?? .none
        case "latest_file_path": return latestFilePath.map { .str($0) } ?? .none
        case "check_and_save":
            return .builtin(Builtin("EarlyStopping.check_and_save") { args, kwargs, interp in
                let a = try Arguments("check_and_save", ["new_validation_loss", "model"], required: 2, args, kwargs)
                return try self.checkAndSave(a.values["new_validation_loss"] ?? .none, a.values["model"] ?? .none, interp)
            })
        case "save_checkpoint":
            return .builtin(Builtin("EarlyStopping.save_checkpoint") { args, kwargs, interp in
                let a = try Arguments("save_checkpoint", ["val_loss", "model"], required: 2, args, kwargs)
                try self.save(try Self.loss(a.values["val_loss"] ?? .none, interp), try Self.module(a.values["model"] ?? .none))
                return .none
            })
        case "restore_best":
            return .builtin(Builtin("EarlyStopping.restore_best") { args, kwargs, _ in
                let a = try Arguments("restore_best", ["model"], required: 1, args, kwargs)
                try self.restoreBest(try Self.module(a.values["model"] ?? .none))
                return .none
            })
        default: return nil
        }
    }

    var attributeNames: [String] {
        ["patience", "delta", "counter", "val_loss_min", "file_path", "latest_file_path", "check_and_save", "save_checkpoint",
         "restore_best"]
    }
}
