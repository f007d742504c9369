// The catalogue of `:` meta-commands: names, usage lines and help texts that `:help` and completion use.
import Foundation

/// One meta-command as `:help` describes it.
public struct MetaCommandInfo: Sendable {
    public var name: String
    public var usage: String
    public var summary: String
    public var details: String
}

public enum MetaCommandCatalog {
    public static let all: [MetaCommandInfo] = [
        MetaCommandInfo(name: "help", usage: ":help [TOPIC]", summary: "this list, or help on a command, namespace or layer",
                        details: "TOPIC is a meta-command (`:help trace`), a namespace (`:help nn`) or a layer (`:help nn.LSTM`)."),
        MetaCommandInfo(name: "shapes", usage: ":shapes M", summary: "parameter table of a module; shape, dtype, strides of a tensor",
                        details: "For a module: every parameter's name, shape, element count and initialisation, and the total.\nFor a tensor: shape, dtype, strides, contiguity and requires_grad."),
        MetaCommandInfo(name: "trace", usage: ":trace EXPR", summary: "run EXPR and list every tensor operation with its shapes",
                        details: "Operations are nested by module; recurrent layers show, per layer and direction, the input projection,\nthe per-step hidden update with its gate shapes, and how outputs and h_n are assembled."),
        MetaCommandInfo(name: "layout", usage: ":layout M X", summary: "how recurrent module M reads X seq-first and batch-first",
                        details: "Shows which axis is L, N and F under batch_first=False and True, the output and h_n shapes of each,\nand warns when X only makes sense in one layout or in neither."),
        MetaCommandInfo(name: "unroll", usage: ":unroll C X [H0]", summary: "run a cell or one-layer module over X step by step and draw the chain",
                        details: "Draws x_t → [cell] → h_t for each step with shapes and compact values, and checks that the last\nstate equals what the module returns as h_n."),
        MetaCommandInfo(name: "explain", usage: ":explain M", summary: "the update equations of M with its real shapes",
                        details: "RNN, LSTM and GRU cells and layers: every gate with the shapes of its weights, and how the stacked\nweights are chunked (i, f, g, o for LSTM; r, z, n for GRU)."),
        MetaCommandInfo(name: "vars", usage: ":vars", summary: "the session's variables with type and shape", details: ""),
        MetaCommandInfo(name: "reset", usage: ":reset", summary: "forget every variable and start a fresh session", details: ""),
        MetaCommandInfo(name: "seed", usage: ":seed N", summary: "torch.manual_seed(N)", details: ""),
        MetaCommandInfo(name: "time", usage: ":time EXPR", summary: "run EXPR and print how long it took", details: ""),
        MetaCommandInfo(name: "plot", usage: ":plot EXPR", summary: "plot a 1-D tensor or a list of them in the terminal",
                        details: "Draws each series against its index with braille dots: `:plot y`, `:plot [y, pred]` (one colour\nand a legend entry per element), `:plot torch.sin(torch.linspace(0, 6.28, 100))`. Size-1 dimensions\nare squeezed and gradients ignored. Plots fill the terminal window; when output is not a terminal\nthey are a fixed 80×20 without colour, as are `plt.show()`'s."),
        MetaCommandInfo(name: "history", usage: ":history [N]", summary: "the last N entered commands (default 20)", details: ""),
        MetaCommandInfo(name: "record", usage: ":record FILE | :record stop", summary: "write this session as a lesson file",
                        details: "Every statement is written with its actual output; `:note TEXT` adds prose. The file replays green\nwith `unroll replay FILE`."),
        MetaCommandInfo(name: "note", usage: ":note TEXT", summary: "add a paragraph of prose to the recording", details: ""),
        MetaCommandInfo(name: "lessons", usage: ":lessons", summary: "the lessons with your progress", details: ""),
        MetaCommandInfo(name: "next", usage: ":next", summary: "next cell of the current lesson", details: ""),
        MetaCommandInfo(name: "back", usage: ":back", summary: "previous cell of the current lesson", details: ""),
        MetaCommandInfo(name: "run", usage: ":run", summary: "run the rest of the current cell", details: ""),
        MetaCommandInfo(name: "restart", usage: ":restart", summary: "start the current lesson again from the top", details: ""),
        MetaCommandInfo(name: "where", usage: ":where", summary: "which lesson and cell you are at", details: ""),
        MetaCommandInfo(name: "quit", usage: ":quit", summary: "leave unroll (Ctrl-D does the same)", details: ""),
    ]

    public static func info(_ name: String) -> MetaCommandInfo? {
        all.first { $0.name == name }
    }

    /// `:help` without a topic: one line per command.
    public static func overview() -> String {
        let width = (all.map { $0.usage.count }.max() ?? 0) + 2
        var lines = ["Meta-commands (also usable inside lessons):"]
        for command in all {
            lines.append("  " + command.usage.padding(toLength: width, withPad: " ", startingAt: 0) + command.summary)
        }
        lines.append("")
        lines.append("Type Python as in the course: `import torch`, `nn.RNN(3, 4)`, `help(nn.LSTM)`. Tab completes names,")
        lines.append("attributes and keyword arguments; Ctrl-R searches history; Ctrl-C interrupts; Ctrl-D quits.")
        return lines.joined(separator: "\n")
    }

    /// `:help NAME` for a meta-command, or nil when NAME is not one.
    public static func help(_ name: String) -> String? {
        let trimmed = name.hasPrefix(":") ? String(name.dropFirst()) : name
        guard let command = info(trimmed) else { return nil }
        var text = "\(command.usage)\n  \(command.summary)"
        if !command.details.isEmpty {
            text += "\n\n" + command.details.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        }
        return text
    }

    /// Meta-command names starting with `prefix` (without the colon), for completion.
    public static func complete(_ prefix: String) -> [String] {
        all.map(\.name).filter { $0.hasPrefix(prefix) }
    }
}
