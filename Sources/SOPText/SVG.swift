import Foundation
import Plot

/// The SVG of the meeting pack's charts, built as Plot nodes (Plot has no SVG elements of its own,
/// so these use its custom element API): every label goes through `PackText`, nothing is pasted
/// together as markup.
enum SVGContext {}
typealias SVGNode = Node<SVGContext>

enum SVG {
    /// One chart: a `role="img"` SVG with an `aria-label` and a `<title>` (its text alternative), drawn
    /// in a `width × height` coordinate space that scales to the page.
    static func chart(kind: String, width: Double, height: Double, label: String, _ nodes: [SVGNode]) -> Node<HTML.BodyContext> {
        .element(named: "svg", nodes: [
            .attribute(named: "class", value: "chart"),
            .attribute(named: "data-chart", value: kind),
            .attribute(named: "viewBox", value: "0 0 \(n(width)) \(n(height))"),
            .attribute(named: "role", value: "img"),
            PackText.attribute("aria-label", label),
            .element(named: "title", nodes: [PackText.text(label)] as [SVGNode]),
        ] + nodes)
    }

    /// The patterns the charts fill with, so hatched and plain areas tell apart on a grey printer.
    /// Drawn once per pack in a zero-size SVG (a `display: none` one would hide its patterns too).
    static func patterns() -> Node<HTML.BodyContext> {
        let hatch: (String, String) -> SVGNode = { id, colour in
            .element(named: "pattern", nodes: [
                .attribute(named: "id", value: id), .attribute(named: "width", value: "6"), .attribute(named: "height", value: "6"),
                .attribute(named: "patternUnits", value: "userSpaceOnUse"), .attribute(named: "patternTransform", value: "rotate(45)"),
                rect(x: 0, y: 0, width: 6, height: 6, class: "hatch-ground"),
                line(x1: 0, y1: 0, x2: 0, y2: 6, class: "hatch-line", extra: [.attribute(named: "stroke", value: colour)]),
            ])
        }
        return .element(named: "svg", nodes: [
            .attribute(named: "class", value: "patterns"), .attribute(named: "width", value: "0"), .attribute(named: "height", value: "0"),
            .attribute(named: "aria-hidden", value: "true"),
            .element(named: "defs", nodes: [hatch("hatch-short", "#b3261e"), hatch("hatch-grey", "#555555"), hatch("hatch-late", "#9a5b00")]),
        ])
    }

    /// A coordinate as SVG wants it: one decimal, no exponent.
    static func n(_ value: Double) -> String { String(format: "%.1f", value.isFinite ? value : 0) }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, class name: String, extra: [SVGNode] = []) -> SVGNode {
        .element(named: "line", nodes: [
            .attribute(named: "x1", value: n(x1)), .attribute(named: "y1", value: n(y1)),
            .attribute(named: "x2", value: n(x2)), .attribute(named: "y2", value: n(y2)),
            .attribute(named: "class", value: name),
        ] + extra)
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, class name: String, tip: String? = nil) -> SVGNode {
        .element(named: "rect", nodes: [
            .attribute(named: "x", value: n(x)), .attribute(named: "y", value: n(y)),
            .attribute(named: "width", value: n(max(width, 0))), .attribute(named: "height", value: n(max(height, 0))),
            .attribute(named: "class", value: name),
        ] + tooltip(tip))
    }

    /// A line through the points, in order.
    static func polyline(_ points: [(Double, Double)], class name: String) -> SVGNode {
        .element(named: "polyline", nodes: [
            .attribute(named: "points", value: points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")),
            .attribute(named: "class", value: name),
        ])
    }

    /// The marker shapes that tell the series apart without colour.
    enum Marker { case circle, square, diamond, triangle, cross }

    static func marker(_ shape: Marker, x: Double, y: Double, size: Double = 3.5, class name: String, tip: String? = nil) -> SVGNode {
        let s = size
        switch shape {
        case .circle:
            return .element(named: "circle", nodes: [
                .attribute(named: "cx", value: n(x)), .attribute(named: "cy", value: n(y)), .attribute(named: "r", value: n(s)),
                .attribute(named: "class", value: name),
            ] + tooltip(tip))
        case .square:
            return rect(x: x - s, y: y - s, width: 2 * s, height: 2 * s, class: name, tip: tip)
        case .diamond:
            return polygon([(x, y - s * 1.3), (x + s * 1.3, y), (x, y + s * 1.3), (x - s * 1.3, y)], class: name, tip: tip)
        case .triangle:
            return polygon([(x, y - s * 1.4), (x + s * 1.3, y + s), (x - s * 1.3, y + s)], class: name, tip: tip)
        case .cross:
            return .element(named: "path", nodes: [
                .attribute(named: "d", value: "M\(n(x - s)),\(n(y - s))L\(n(x + s)),\(n(y + s))M\(n(x - s)),\(n(y + s))L\(n(x + s)),\(n(y - s))"),
                .attribute(named: "class", value: name),
            ] + tooltip(tip))
        }
    }

    static func polygon(_ points: [(Double, Double)], class name: String, tip: String? = nil) -> SVGNode {
        .element(named: "polygon", nodes: [
            .attribute(named: "points", value: points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")),
            .attribute(named: "class", value: name),
        ] + tooltip(tip))
    }

    enum Anchor: String { case start, middle, end }

    static func text(_ value: String, x: Double, y: Double, anchor: Anchor = .start, class name: String = "label", rotate: Double? = nil) -> SVGNode {
        var nodes: [SVGNode] = [
            .attribute(named: "x", value: n(x)), .attribute(named: "y", value: n(y)),
            .attribute(named: "text-anchor", value: anchor.rawValue), .attribute(named: "class", value: name),
        ]
        if let rotate { nodes.append(.attribute(named: "transform", value: "rotate(\(n(rotate)) \(n(x)) \(n(y)))")) }
        nodes.append(PackText.text(value))
        return .element(named: "text", nodes: nodes)
    }

    static func group(class name: String, _ nodes: [SVGNode]) -> SVGNode {
        .element(named: "g", nodes: [.attribute(named: "class", value: name)] + nodes)
    }

    /// A hover text on a mark (SVG's `<title>` child), for the figure under the pointer.
    private static func tooltip(_ tip: String?) -> [SVGNode] {
        guard let tip else { return [] }
        return [.element(named: "title", nodes: [PackText.text(tip)] as [SVGNode])]
    }
}
