// Colours: matplotlib's default cycle and colour names, as SVG hex and as the nearest terminal (xterm-256) colour.

/// An sRGB colour.
public struct PlotColor: Sendable, Equatable {
    public var red: UInt8, green: UInt8, blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red; self.green = green; self.blue = blue
    }

    /// `#rrggbb`.
    public init?(hex: String) {
        var digits = Substring(hex)
        if digits.hasPrefix("#") { digits = digits.dropFirst() }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(red: UInt8((value >> 16) & 0xFF), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
    }

    /// matplotlib's `tab10` cycle (`C0`...`C9`).
    public static let cycle: [PlotColor] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ].compactMap { PlotColor(hex: $0) }

    private static let named: [String: String] = [
        "b": "#0000ff", "g": "#008000", "r": "#ff0000", "c": "#00bfbf", "m": "#bf00bf", "y": "#bfbf00",
        "k": "#000000", "w": "#ffffff",
        "blue": "#0000ff", "green": "#008000", "red": "#ff0000", "cyan": "#00ffff", "magenta": "#ff00ff",
        "yellow": "#ffff00", "black": "#000000", "white": "#ffffff", "orange": "#ffa500", "purple": "#800080",
        "brown": "#a52a2a", "pink": "#ffc0cb", "gray": "#808080", "grey": "#808080", "olive": "#808000",
        "navy": "#000080", "teal": "#008080", "lime": "#00ff00",
        "tab:blue": "#1f77b4", "tab:orange": "#ff7f0e", "tab:green": "#2ca02c", "tab:red": "#d62728",
        "tab:purple": "#9467bd", "tab:brown": "#8c564b", "tab:pink": "#e377c2", "tab:gray": "#7f7f7f",
        "tab:grey": "#7f7f7f", "tab:olive": "#bcbd22", "tab:cyan": "#17becf",
    ]

    /// A matplotlib colour spec: `'C1'`, `'r'`, `'red'`, `'tab:orange'`, `'#ff8800'`; nil when not one.
    public init?(matplotlib spec: String) {
        let lower = spec.lowercased()
        if lower.count == 2, lower.hasPrefix("c"), let digit = Int(lower.dropFirst()) {
            self = PlotColor.cycle[digit % PlotColor.cycle.count]
            return
        }
        if let hex = PlotColor.named[lower] {
            guard let color = PlotColor(hex: hex) else { return nil }
            self = color
            return
        }
        guard lower.hasPrefix("#"), let color = PlotColor(hex: lower) else { return nil }
        self = color
    }

    /// `#rrggbb` for SVG.
    public var hex: String {
        let digits = [red, green, blue].map { value -> String in
            let s = String(value, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + digits.joined()
    }

    /// The nearest colour of xterm's 6×6×6 cube, for `ESC[38;5;Nm`.
    public var xterm256: Int {
        func level(_ v: UInt8) -> Int { Int((Double(v) / 255 * 5).rounded()) }
        return 16 + 36 * level(red) + 6 * level(green) + level(blue)
    }
}
