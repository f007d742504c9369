// A layer constructor's arguments as the language passes them, converted by the kinds the layer's description declares.
import UnrollNN
import UnrollTensor

enum LayerSettings {
    /// Binds `args`/`kwargs` to the description's parameters with Python's wording and converts each value.
    static func bind(_ description: LayerDescription, _ args: [Value], _ kwargs: [(String, Value)]) throws -> LayerArguments {
        if description.ignoresArguments { return LayerArguments([:]) }
        let function = "\(description.name).__init__"
        let parameters = description.arguments
        if let variadic = parameters.first(where: { $0.kind == .modules }) {
            if let (name, _) = kwargs.first {
                throw LangError.typeError("\(function)() got an unexpected keyword argument '\(name)'")
            }
            let modules = try args.map { value -> ModuleBox in
                guard let m = ModuleAccess.module(value) else { throw LangError.typeError("\(value.typeName) is not a Module subclass") }
                return ModuleBox(m)
            }
            return LayerArguments([variadic.name: .modules(modules)])
        }
        let bound = try Arguments(function, parameters.map(\.name), required: description.requiredCount, args, kwargs)
        var values: [String: SettingValue] = [:]
        for setting in parameters {
            let what = "\(function)(): argument '\(setting.name)'"
            guard let value = bound.values[setting.name] else {
                values[setting.name] = setting.defaultValue ?? SettingValue.none
                continue
            }
            values[setting.name] = try convert(value, setting.kind, what: what) ?? setting.defaultValue ?? SettingValue.none
        }
        return LayerArguments(values)
    }

    /// A language value as the kind asks; nil keeps the default (None passed for a plain setting, as PyTorch's
    /// Python-level constructors mostly treat it).
    private static func convert(_ value: Value, _ kind: SettingKind, what: String) throws -> SettingValue? {
        if value.isNone, kind != .ignored { return kind.isOptional ? SettingValue.none : nil }
        switch kind {
        case .int: return .int(try value.asInt(what: what))
        case .double: return .double(try value.asDouble(what: what))
        case .bool, .optionalBool:
            switch value {
            case .bool(let b): return .bool(b)
            case .int(let i): return .bool(i != 0)
            default: throw LangError.typeError("\(what) must be bool, not \(value.typeName)")
            }
        case .string: return .string(try value.asString(what: what))
        case .optionalInt: return .int(try value.asInt(what: what))
        case .optionalDouble: return .double(try value.asDouble(what: what))
        case .optionalTensor:
            guard let t = TensorBridge.tensorValue(value) else { throw LangError.typeError("\(what) must be Tensor, not \(value.typeName)") }
            return .tensor(t)
        case .ignored: return SettingValue.none
        case .modules: return nil
        }
    }

    /// A setting's value as the language shows it (`rnn.hidden_size`).
    static func value(_ setting: SettingValue) -> Value {
        switch setting {
        case .int(let i): return .int(Int64(i))
        case .double(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .string(let s): return .str(s)
        case .none: return .none
        case .tensor(let t): return TensorBridge.wrap(t)
        case .modules(let boxes): return .makeList(boxes.map { .object(ModuleObject($0.module)) })
        }
    }
}

extension SettingKind {
    var isOptional: Bool {
        switch self {
        case .optionalInt, .optionalDouble, .optionalBool, .optionalTensor: return true
        default: return false
        }
    }
}
