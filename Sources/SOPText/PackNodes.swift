import Foundation
import Plot
import SOPCore

/// The HTML building blocks of the pack's sections: paragraphs, lists and tables with header cells,
/// every piece of text escaped through `PackText`.
enum PackNodes {
    typealias Body = Node<HTML.BodyContext>

    static func p(_ text: String, class name: String? = nil) -> Body {
        guard let name else { return .p(PackText.text(text)) }
        return .p(.class(name), PackText.text(text))
    }

    /// A list under a bold label; `none` stands in for an empty list.
    static func list(_ label: String, _ items: [Body], none: String = "None.") -> [Body] {
        [.p(.class("label"), .strong(PackText.text(label))),
         .ul(.group(items.isEmpty ? [.li(.class("none"), PackText.text(none))] : items.map { .li($0) }))]
    }

    static func list(_ label: String, _ items: [String], none: String = "None.") -> [Body] {
        list(label, items.map { PackText.text($0) as Body }, none: none)
    }

    /// A table: the line that introduces it (a paragraph rather than a `<caption>`, which would be
    /// wrapped to the table's width), a header row of `<th scope="col">`, then rows whose first cell is a `<th scope="row">`
    /// naming the row; columns of figures are right-aligned, the others left-aligned.
    static func table(_ header: [String], _ rows: [[String]], caption: String? = nil) -> Body {
        let textColumns = Set(header.indices.filter { i in i == 0 || !rows.allSatisfy { i >= $0.count || isFigure($0[i]) } })
        let head: Node<HTML.TableContext> = .thead(.tr(.group(header.enumerated().map { i, h in
            .th(.attribute(named: "scope", value: "col"), .class(textColumns.contains(i) ? "text" : "num"), PackText.text(h))
        })))
        let body: Node<HTML.TableContext> = .tbody(.group(rows.map { row in
            .tr(.group(row.enumerated().map { i, cell -> Node<HTML.TableRowContext> in
                i == 0
                    ? .th(.attribute(named: "scope", value: "row"), .class("text"), PackText.text(cell))
                    : .td(.class(textColumns.contains(i) ? "text" : "num"), PackText.text(cell))
            }))
        }))
        let table: Body = .table(head, body)
        guard let caption else { return table }
        return .div(.class("table"), .p(.class("label"), .strong(PackText.text(caption))), table)
    }

    /// A cell that holds a number, a percentage, a signed change or a dash (nothing to align by otherwise).
    static func isFigure(_ cell: String) -> Bool {
        let core = cell.filter { !"+-−%.,".contains($0) }
        return core.allSatisfy(\.isNumber)
    }

    /// The agenda's plan-figure blocks (shared with the text and Markdown agendas) as HTML.
    static func blocks(_ blocks: [AgendaBlock]) -> [Body] {
        var nodes: [Body] = []
        var pendingLabel: String?
        for block in blocks {
            switch block {
            case .paragraph(let text): nodes.append(p(text))
            case .label(let text):
                if let label = pendingLabel { nodes.append(p(label, class: "label")) }
                pendingLabel = text
            case .bullets(let items):
                nodes += list(pendingLabel ?? "", items).suffix(pendingLabel == nil ? 1 : 2)
                pendingLabel = nil
            case .table(let header, let rows):
                // The label above a table is its caption.
                nodes.append(table(header, rows, caption: pendingLabel))
                pendingLabel = nil
            }
        }
        if let label = pendingLabel { nodes.append(p(label, class: "label")) }
        return nodes
    }

    /// A figure: a chart (or charts) with its caption.
    static func figure(_ caption: String, _ charts: [Body], class name: String = "figure") -> Body {
        .element(named: "figure", nodes: [
            .class(name),
            .element(named: "figcaption", nodes: [PackText.text(caption)] as [Body]),
            .div(.class("charts"), .group(charts)),
        ] as [Body])
    }
}
