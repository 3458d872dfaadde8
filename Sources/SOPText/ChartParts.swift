import Foundation

/// The pieces every pack chart shares: the value axis with its grid, month labels, and a legend
/// that names each series by its mark, so a chart reads the same printed in grey.
enum ChartParts {
    /// Grid lines and tick labels along the value axis; the zero line drawn darker.
    static func valueAxis(_ frame: ChartFrame, percent: Bool = false) -> SVGNode {
        var nodes: [SVGNode] = []
        for tick in frame.ticks {
            let y = frame.y(tick)
            nodes.append(SVG.line(x1: frame.left, y1: y, x2: frame.width - frame.right, y2: y, class: tick == 0 ? "zero" : "grid"))
            nodes.append(SVG.text(tickLabel(tick, percent: percent), x: frame.left - 5, y: y + 3.5, anchor: .end, class: "tick"))
        }
        return SVG.group(class: "axis", nodes)
    }

    /// The same along a horizontal bar chart's value axis: vertical grid lines from `top` to the
    /// plot's foot, the labels under it.
    static func horizontalValueAxis(_ frame: ChartFrame, top: Double) -> SVGNode {
        var nodes: [SVGNode] = []
        for tick in frame.ticks {
            let x = frame.x(value: tick)
            nodes.append(SVG.line(x1: x, y1: top - 2, x2: x, y2: frame.height - frame.bottom, class: tick == 0 ? "zero" : "grid"))
            nodes.append(SVG.text(tickLabel(tick, percent: false), x: x, y: frame.height - frame.bottom + 14, anchor: .middle, class: "tick"))
        }
        return SVG.group(class: "axis", nodes)
    }

    /// The months under the plot, every k-th one so they do not overlap.
    static func monthAxis(_ frame: ChartFrame, months: [String], room: Int = 9) -> SVGNode {
        let every = frame.labelEvery(room: room)
        var nodes: [SVGNode] = []
        for (i, month) in months.enumerated() where i % every == 0 {
            nodes.append(SVG.text(month, x: frame.x(slot: i), y: frame.height - frame.bottom + 15, anchor: .middle, class: "tick"))
        }
        return SVG.group(class: "axis", nodes)
    }

    /// One entry of a legend: the mark the series is drawn with, and its name.
    enum Sample {
        case bar(String)
        case line(String, SVG.Marker?)
        case mark(String, SVG.Marker)
    }

    /// The legend along the top of a chart, left to right, starting a new row below when the next
    /// entry would run past `limit`.
    static func legend(_ entries: [(Sample, String)], x start: Double = 58, y first: Double = 14, limit: Double = 632) -> SVGNode {
        var x = start
        var y = first
        var nodes: [SVGNode] = []
        for (sample, name) in entries {
            // Text width is not known here; a generous estimate per character keeps entries apart.
            let width = 18 + Double(name.count) * 6.4 + 16
            if x > start && x + width - 16 > limit {
                x = start
                y += 15
            }
            switch sample {
            case .bar(let style):
                nodes.append(SVG.rect(x: x, y: y - 8, width: 14, height: 9, class: style))
            case .line(let style, let marker):
                nodes.append(SVG.line(x1: x, y1: y - 3.5, x2: x + 14, y2: y - 3.5, class: style))
                if let marker { nodes.append(SVG.marker(marker, x: x + 7, y: y - 3.5, size: 3, class: style + "-mark")) }
            case .mark(let style, let marker):
                nodes.append(SVG.marker(marker, x: x + 7, y: y - 3.5, size: 3.5, class: style))
            }
            nodes.append(SVG.text(name, x: x + 18, y: y, class: "legend"))
            x += width
        }
        return SVG.group(class: "legend", nodes)
    }

    /// A tick value in few characters: 1,200 / 16.5M / 25%.
    static func tickLabel(_ value: Double, percent: Bool) -> String {
        if percent { return String(format: "%.0f%%", value * 100) }
        let a = abs(value)
        if a >= 1_000_000 { return trimmed(value / 1_000_000) + "M" }
        if a >= 10_000 { return trimmed(value / 1_000) + "k" }
        return String(format: "%.0f", value)
    }

    private static func trimmed(_ value: Double) -> String {
        let text = String(format: "%.1f", value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
