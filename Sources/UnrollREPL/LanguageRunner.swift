// The REPL's StatementRunner over the language Session: streams output, shapes errors for lessons, runs :commands.
import Foundation
import UnrollLang
import UnrollLessons
import UnrollNN
import UnrollTensor

/// Runs statements in a `Session` and implements the inspection meta-commands on the values it holds.
public final class LanguageRunner: StatementRunner {
    private var session: Session!
    private var sink: ((String) -> Void)?
    /// Lesson replay wants errors as PyTorch's last line (plus hint); the REPL shows source line and caret too.
    private let lessonStyleErrors: Bool
    /// Set when a statement called `exit()`/`quit()`.
    public private(set) var exitStatus: Int32?

    public init(lessonStyleErrors: Bool = false) {
        self.lessonStyleErrors = lessonStyleErrors
        session = makeSession()
    }

    private func makeSession() -> Session {
        Session(output: { [weak self] text in self?.sink?(text) }, printsErrors: false)
    }

    public func execute(_ source: String, live: ((String) -> Void)?) -> ExecutionResult {
        var captured = ""
        sink = { text in
            captured += text
            live?(text)
        }
        defer { sink = nil }
        let outcome = session.run(source)
        if let status = outcome.exitStatus {
            exitStatus = status
            return ExecutionResult(output: captured)
        }
        guard !outcome.succeeded else { return ExecutionResult(output: captured) }
        let full = outcome.errorText ?? outcome.errorLine ?? "Error"
        guard lessonStyleErrors, let line = outcome.errorLine else { return ExecutionResult(output: captured, error: full) }
        let hint = LanguageRunner.hint(of: full)
        return ExecutionResult(output: captured, error: hint.isEmpty ? line : line + "\n" + hint)
    }

    /// The teaching hint of a rendered error: what follows the `Type: message` line and the source excerpt.
    static func hint(of rendered: String) -> String {
        var lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropFirst()
        if lines.count >= 2, lines[lines.startIndex + 1].trimmingCharacters(in: .whitespaces).allSatisfy({ $0 == "^" }),
           lines[lines.startIndex].hasPrefix("    ") {
            lines = lines.dropFirst(2)
        } else if let first = lines.first, first.hasPrefix("    ") {
            lines = lines.dropFirst()
        }
        return lines.joined(separator: "\n")
    }

    public func complete(_ textBeforeCursor: String) -> CompletionAnswer {
        let answer = session.completions(for: textBeforeCursor)
        return CompletionAnswer(replacing: answer.replacing, candidates: answer.candidates)
    }

    public func interrupt() { session.interrupt() }

    public func reset() { session.reset() }

    public func inspect(_ command: String, arguments: String) -> ExecutionResult? {
        do {
            return try session.perform { [self] in self.inspectOnSessionThread(command, arguments: arguments) }
        } catch let error as LangError {
            return ExecutionResult(output: "", error: error.description)
        } catch {
            return ExecutionResult(output: "", error: "\(error)")
        }
    }

    /// The inspection commands, run on the session's thread so they see its generator, grad mode and tracing.
    private func inspectOnSessionThread(_ command: String, arguments: String) -> ExecutionResult? {
        do {
            switch command {
            case "shapes": return ExecutionResult(output: try Inspection.shapes(arguments, session) + "\n")
            case "explain": return ExecutionResult(output: try Inspection.explain(arguments, session) + "\n")
            case "layout": return ExecutionResult(output: try Inspection.layout(arguments, session) + "\n")
            case "unroll": return ExecutionResult(output: try Inspection.unroll(arguments, session) + "\n")
            case "vars": return ExecutionResult(output: Inspection.vars(session) + "\n")
            case "plot": return ExecutionResult(output: try PlotCommand.run(arguments, session) + "\n")
            case "help":
                if let text = LayerDocs.text(arguments) { return ExecutionResult(output: text + "\n") }
                // A namespace or any value: list what it offers.
                let value: Value
                do {
                    value = try session.evaluate(arguments)
                } catch let error as LangError where ["NameError", "AttributeError", "SyntaxError"].contains(error.type) {
                    let hint = error.hint.map { "\n" + $0 } ?? ""
                    return ExecutionResult(output: "", error: "no help on '\(arguments)': it is not a meta-command, a layer or a name "
                                           + "in this session; :help lists the commands\(hint)")
                }
                if case .module(let ns) = value {
                    let names = ns.listedNames.filter { !$0.hasPrefix("_") }.sorted()
                    return ExecutionResult(output: "\(ns.name): " + names.joined(separator: ", ") + "\n")
                }
                return ExecutionResult(output: session.helpText(value))
            case "seed":
                guard let seed = Int64(arguments.trimmingCharacters(in: .whitespaces)) else {
                    return ExecutionResult(output: "", error: "usage: :seed N")
                }
                Generator.default.manualSeed(seed)
                return ExecutionResult(output: "torch.manual_seed(\(seed))\n")
            case "trace":
                var printed = ""
                sink = { printed += $0 }
                defer { sink = nil }
                let (value, events) = try OpTrace.capture { try session.evaluate(arguments) }
                let result = try session.repr(value)
                return ExecutionResult(output: printed + TraceView.render(events) + "\n→ " + Inspection.describe(value, repr: result) + "\n")
            case "time":
                var printed = ""
                sink = { printed += $0 }
                defer { sink = nil }
                let start = DispatchTime.now().uptimeNanoseconds
                let outcome = session.run(arguments)
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                let text = printed + String(format: "time: %.3f ms\n", ms)
                return ExecutionResult(output: text, error: outcome.succeeded ? nil : outcome.errorText)
            default:
                return nil
            }
        } catch let error as LangError {
            return ExecutionResult(output: "", error: error.description)
        } catch let error as TensorError {
            return ExecutionResult(output: "", error: error.description + (error.hint.map { "\n" + $0 } ?? ""))
        } catch {
            return ExecutionResult(output: "", error: "\(error)")
        }
    }
}
