// Optional recording of every tensor operation with its shapes, nested by module: what `:trace` shows.

/// One recorded event: an op with input and output shapes, or the start/end of a named scope (a module call).
public struct TraceEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case op, enter, exit, note }
    public var kind: Kind
    public var name: String
    public var inputShapes: [[Int]]
    public var outputShape: [Int]
    public var depth: Int
}

/// Collects `TraceEvent`s while active. Inactive by default: the cost in ops is one branch.
public enum OpTrace {
    /// True while this thread records; per thread, so one session's trace never sees another's ops.
    public static var isActive: Bool { ThreadState.current.traceActive }
    /// Ops inside a fused kernel report themselves; the generic per-op recording is muted meanwhile.
    static var muted: Int {
        get { ThreadState.current.traceMuted }
        set { ThreadState.current.traceMuted = newValue }
    }

    /// Runs `body` with tracing on and returns its result with the events it recorded.
    public static func capture<R>(_ body: () throws -> R) rethrows -> (R, [TraceEvent]) {
        let state = ThreadState.current
        let saved = (state.traceActive, state.traceEvents, state.traceDepth)
        state.traceActive = true
        state.traceEvents = []
        state.traceDepth = 0
        defer { (state.traceActive, state.traceEvents, state.traceDepth) = saved }
        let result = try body()
        return (result, state.traceEvents)
    }

    /// Records an op; `recordGrad` calls this for every differentiable op, fused kernels call it for their steps.
    public static func op(_ name: String, inputs: [[Int]], output: [Int]) {
        guard isActive, muted == 0 else { return }
        let state = ThreadState.current
        state.traceEvents.append(TraceEvent(kind: .op, name: name, inputShapes: inputs, outputShape: output, depth: state.traceDepth))
    }

    /// A free-text line inside the current scope (e.g. "h_n stacks 4 states").
    public static func note(_ text: String) {
        guard isActive else { return }
        let state = ThreadState.current
        state.traceEvents.append(TraceEvent(kind: .note, name: text, inputShapes: [], outputShape: [], depth: state.traceDepth))
    }

    /// Opens a scope that a later `exit()` closes (for kernels whose structure does not nest as closures).
    public static func enter(_ name: String, inputs: [[Int]] = []) {
        let state = ThreadState.current
        guard state.traceActive else { return }
        state.traceEvents.append(TraceEvent(kind: .enter, name: name, inputShapes: inputs, outputShape: [], depth: state.traceDepth))
        state.traceDepth += 1
    }

    /// Closes the scope `enter` opened.
    public static func exit() {
        let state = ThreadState.current
        guard state.traceActive else { return }
        state.traceDepth = max(0, state.traceDepth - 1)
        state.traceEvents.append(TraceEvent(kind: .exit, name: "", inputShapes: [], outputShape: [], depth: state.traceDepth))
    }

    /// Wraps `body` in a named scope, e.g. `rnn (RNN)` or `layer 0 forward`.
    public static func scope<R>(_ name: String, inputs: [[Int]] = [], _ body: () throws -> R) rethrows -> R {
        guard isActive else { return try body() }
        let state = ThreadState.current
        state.traceEvents.append(TraceEvent(kind: .enter, name: name, inputShapes: inputs, outputShape: [], depth: state.traceDepth))
        state.traceDepth += 1
        defer {
            state.traceDepth -= 1
            state.traceEvents.append(TraceEvent(kind: .exit, name: name, inputShapes: [], outputShape: [], depth: state.traceDepth))
        }
        return try body()
    }

    /// `AddBackward0` -> `Add`: the forward op a backward node stands for.
    public static func forwardName(ofNode name: String) -> String {
        let marker = Array("Backward")
        let chars = Array(name)
        guard chars.count >= marker.count else { return name }
        for start in 0...(chars.count - marker.count) where Array(chars[start..<start + marker.count]) == marker {
            return String(chars[..<start])
        }
        return name
    }

    /// Starts muting the generic per-op events until `endMute()` (for code whose scope is not one closure).
    public static func beginMute() { ThreadState.current.traceMuted += 1 }
    public static func endMute() { ThreadState.current.traceMuted = max(0, ThreadState.current.traceMuted - 1) }

    /// Runs `body` without the generic per-op events (a fused kernel describes itself instead).
    public static func muting<R>(_ body: () throws -> R) rethrows -> R {
        muted += 1
        defer { muted -= 1 }
        return try body()
    }
}
