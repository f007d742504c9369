// The `datetime` and `time` subsets the course's trainer uses: datetime.now(), differences as timedelta, strftime, time.time().
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `from datetime import datetime`: `datetime.now()`, `now - start` (a timedelta with `days`, `seconds`,
/// `microseconds`, `total_seconds()`), `astimezone()`, `strftime(fmt)`; and `import time`: `time()`, `perf_counter()`.
enum DatetimeBinding {
    static func register() {
        ModuleRegistry.register("datetime") {
            let ns = Namespace("datetime")
            ns.members["__subset__"] = .str("datetime")
            ns.members["datetime"] = .object(DateTimeClass())
            ns.define("timedelta", keywords: TimeDelta.parameters) { args, kwargs, _ in
                .object(try TimeDelta(arguments: try Arguments("timedelta", TimeDelta.parameters, args, kwargs)))
            }
            return ns
        }
        ModuleRegistry.register("time") {
            let ns = Namespace("time")
            ns.members["__subset__"] = .str("time")
            ns.define("time") { args, kwargs, _ in
                _ = try Arguments("time", [], args, kwargs)
                return .float(Date().timeIntervalSince1970)
            }
            ns.define("perf_counter") { args, kwargs, _ in
                _ = try Arguments("perf_counter", [], args, kwargs)
                var ts = timespec()
                clock_gettime(CLOCK_MONOTONIC, &ts)
                return .float(Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9)
            }
            return ns
        }
    }
}

/// The `datetime.datetime` class: `datetime.now()`.
final class DateTimeClass: HostObject {
    var typeName: String { "type" }
    func repr(_ interp: Interpreter) throws -> String { "<class 'datetime.datetime'>" }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "now", "today":
            return .builtin(Builtin("datetime.\(name)") { args, kwargs, _ in
                _ = try Arguments(name, name == "now" ? ["tz"] : [], args, kwargs)
                return .object(DateTimeValue(microseconds: Int64((Date().timeIntervalSince1970 * 1e6).rounded())))
            })
        default: return nil
        }
    }
    func isInstance(_ value: Value) -> Bool? {
        if case .object(let o) = value { return o is DateTimeValue }
        return false
    }
    var attributeNames: [String] { ["now", "today"] }
}

/// A local date and time, to the microsecond.
final class DateTimeValue: HostObject {
    /// Microseconds since the Unix epoch.
    let microseconds: Int64
    init(microseconds: Int64) { self.microseconds = microseconds }

    var typeName: String { "datetime" }

    /// The broken-down local time (as Python's naive `datetime.now()`).
    private var local: tm {
        var seconds = time_t(microseconds.quotientAndRemainder(dividingBy: 1_000_000).quotient)
        if microseconds < 0 && microseconds % 1_000_000 != 0 { seconds -= 1 }
        var parts = tm()
        localtime_r(&seconds, &parts)
        return parts
    }
    private var fraction: Int { Int(((microseconds % 1_000_000) + 1_000_000) % 1_000_000) }

    func repr(_ interp: Interpreter) throws -> String {
        let t = local
        var fields = [Int(t.tm_year) + 1900, Int(t.tm_mon) + 1, Int(t.tm_mday), Int(t.tm_hour), Int(t.tm_min)]
        if t.tm_sec != 0 || fraction != 0 { fields.append(Int(t.tm_sec)) }
        if fraction != 0 { fields.append(fraction) }
        return "datetime.datetime(" + fields.map(String.init).joined(separator: ", ") + ")"
    }

    func str(_ interp: Interpreter) throws -> String {
        try strftime("%Y-%m-%d %H:%M:%S") + (fraction != 0 ? "." + pad6(fraction) : "")
    }

    private func pad6(_ v: Int) -> String { String(repeating: "0", count: max(0, 6 - String(v).count)) + String(v) }

    /// C's strftime on the local time, plus Python's `%f` (microseconds).
    func strftime(_ format: String) throws -> String {
        var t = local
        let expanded = format.replacingOccurrences(of: "%f", with: pad6(fraction))
        var buffer = [Int8](repeating: 0, count: 512 + expanded.utf8.count * 8)
        let count = Glibc.strftime(&buffer, buffer.count, expanded, &t)
        guard count > 0 || expanded.isEmpty else { return "" }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        let t = local
        switch name {
        case "year": return .int(Int64(t.tm_year) + 1900)
        case "month": return .int(Int64(t.tm_mon) + 1)
        case "day": return .int(Int64(t.tm_mday))
        case "hour": return .int(Int64(t.tm_hour))
        case "minute": return .int(Int64(t.tm_min))
        case "second": return .int(Int64(t.tm_sec))
        case "microsecond": return .int(Int64(fraction))
        case "astimezone":
            // The local zone is what naive times already show; Unroll keeps the same instant.
            return .builtin(Builtin("datetime.astimezone") { args, kwargs, _ in
                _ = try Arguments("astimezone", ["tz"], args, kwargs)
                return .object(self)
            })
        case "strftime":
            return .builtin(Builtin("datetime.strftime") { args, kwargs, _ in
                let a = try Arguments("strftime", ["format"], required: 1, args, kwargs)
                return .str(try self.strftime(try (a.values["format"] ?? .none).asString(what: "strftime() argument 1")))
            })
        case "timestamp":
            return .builtin(Builtin("datetime.timestamp") { _, _, _ in .float(Double(self.microseconds) / 1e6) })
        default: return nil
        }
    }

    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool, _ interp: Interpreter) throws -> Value? {
        guard case .object(let o) = other else { return nil }
        switch (op, o) {
        case (.sub, let d as DateTimeValue):
            return .object(TimeDelta(microseconds: try checked(reflected ? d.microseconds.subtractingReportingOverflow(microseconds)
                                                                         : microseconds.subtractingReportingOverflow(d.microseconds))))
        case (.sub, let td as TimeDelta) where !reflected:
            return .object(DateTimeValue(microseconds: try checked(microseconds.subtractingReportingOverflow(td.microseconds))))
        case (.add, let td as TimeDelta):
            return .object(DateTimeValue(microseconds: try checked(microseconds.addingReportingOverflow(td.microseconds))))
        default: return nil
        }
    }

    var attributeNames: [String] {
        ["year", "month", "day", "hour", "minute", "second", "microsecond", "astimezone", "strftime", "timestamp"]
    }
}

/// `datetime.timedelta`: a duration normalised as Python's (days, seconds in a day, microseconds).
final class TimeDelta: HostObject {
    static let parameters = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"]
    let microseconds: Int64
    init(microseconds: Int64) { self.microseconds = microseconds }

    convenience init(arguments a: Arguments) throws {
        let scale: [String: Double] = ["days": 86_400e6, "seconds": 1e6, "microseconds": 1, "milliseconds": 1e3,
                                       "minutes": 60e6, "hours": 3_600e6, "weeks": 604_800e6]
        var total = 0.0
        for name in TimeDelta.parameters { total += try a.double(name, default: 0) * (scale[name] ?? 0) }
        guard total.isFinite, abs(total) < 9e18 else { throw LangError("OverflowError", "timedelta out of the range Unroll holds (about ±100,000,000 days)") }
        self.init(microseconds: Int64(total.rounded(.toNearestOrEven)))
    }

    var days: Int64 { floorDiv(microseconds, 86_400_000_000) }
    var seconds: Int64 { floorDiv(microseconds - days * 86_400_000_000, 1_000_000) }
    var micro: Int64 { microseconds - days * 86_400_000_000 - seconds * 1_000_000 }

    private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return r < 0 ? q - 1 : q
    }

    var typeName: String { "timedelta" }

    func repr(_ interp: Interpreter) throws -> String {
        var fields: [String] = []
        if days != 0 { fields.append("days=\(days)") }
        if seconds != 0 { fields.append("seconds=\(seconds)") }
        if micro != 0 { fields.append("microseconds=\(micro)") }
        return "datetime.timedelta(" + (fields.isEmpty ? "0" : fields.joined(separator: ", ")) + ")"
    }

    func str(_ interp: Interpreter) throws -> String {
        let (h, rest) = seconds.quotientAndRemainder(dividingBy: 3600)
        let (m, s) = rest.quotientAndRemainder(dividingBy: 60)
        var text = "\(h):" + (m < 10 ? "0\(m)" : "\(m)") + ":" + (s < 10 ? "0\(s)" : "\(s)")
        if micro != 0 { text += "." + String(repeating: "0", count: 6 - String(micro).count) + String(micro) }
        if days != 0 { text = "\(days) day\(abs(days) == 1 ? "" : "s"), " + text }
        return text
    }

    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "days": return .int(days)
        case "seconds": return .int(seconds)
        case "microseconds": return .int(micro)
        case "total_seconds":
            return .builtin(Builtin("timedelta.total_seconds") { _, _, _ in .float(Double(self.microseconds) / 1e6) })
        default: return nil
        }
    }

    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool, _ interp: Interpreter) throws -> Value? {
        switch (op, other) {
        case (.add, .object(let o as TimeDelta)):
            return .object(TimeDelta(microseconds: try checked(microseconds.addingReportingOverflow(o.microseconds))))
        case (.sub, .object(let o as TimeDelta)):
            return .object(TimeDelta(microseconds: try checked(reflected ? o.microseconds.subtractingReportingOverflow(microseconds)
                                                                         : microseconds.subtractingReportingOverflow(o.microseconds))))
        case (.div, .object(let o as TimeDelta)) where o.microseconds != 0 && !reflected:
            return .float(Double(microseconds) / Double(o.microseconds))
        default: return nil
        }
    }

    func toDouble(_ interp: Interpreter) throws -> Double? { nil }
    var attributeNames: [String] { ["days", "seconds", "microseconds", "total_seconds"] }
}

/// An Int64 result, or Python's OverflowError when the date arithmetic left the representable range.
private func checked(_ result: (partialValue: Int64, overflow: Bool)) throws -> Int64 {
    if result.overflow { throw LangError("OverflowError", "date value out of range") }
    return result.partialValue
}
