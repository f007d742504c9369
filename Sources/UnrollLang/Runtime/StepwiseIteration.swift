// `for` over host objects that hand out one item at a time and need to know when the loop ends (tqdm's bar).

/// A host object a `for` loop advances one item at a time. Unlike `HostObject.iterate` (which returns every item
/// up front), the object sees each step as the loop reaches it, and `finish` runs however the loop ends
/// (exhausted, `break`, `return` or an error), as Python's iterator protocol plus `close()` would.
protocol StepwiseIterable: HostObject {
    /// Starts a pass; called once before the first `next`.
    func begin(_ interp: Interpreter) throws
    /// The next item, or nil when exhausted.
    func next(_ interp: Interpreter) throws -> Value?
    /// The loop is over; `completed` is true when the items ran out rather than the loop being left early.
    func finish(completed: Bool, _ interp: Interpreter)
}

extension Interpreter {
    /// The body of a `for` statement over a `StepwiseIterable`.
    func runStepwise(_ source: StepwiseIterable, _ target: Expr, _ body: [Stmt], _ frame: Frame) throws -> Flow {
        try source.begin(self)
        var completed = false
        defer { source.finish(completed: completed, self) }
        while let item = try source.next(self) {
            try checkInterrupt()
            try assign(target, item, frame)
            switch try execBlock(body, frame) {
            case .breakLoop: return .normal
            case .returned(let v): return .returned(v)
            default: continue
            }
        }
        completed = true
        return .normal
    }
}
