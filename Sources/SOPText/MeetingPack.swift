import Foundation
import Plot
import SOPCore

/// `agenda --format html`: the meeting pack, one self-contained HTML file with the agenda's ten
/// sections in the meeting's order and the figures drawn. Inline CSS and SVG only: no script, no
/// font, no image or link that reaches the network, and a Content-Security-Policy that forbids
/// fetching anything, so it reads the same mailed, opened offline, or printed. It words things as
/// the text and Markdown agendas do (`AgendaText`, `AgendaPlanText`) and draws what `Agenda` holds.
public enum MeetingPack {
    /// The sections' anchors, in meeting order (the pack's table of contents and the browser check
    /// read them).
    public static let sectionIDs = [
        "changes", "stage-performance", "product-families", "financial", "risks",
        "decisions", "reviews", "constraints", "long-term", "actions",
    ]

    public static func html(_ agenda: Agenda) -> String {
        let title = "Executive S&OP meeting pack — \(agenda.cycle)"
        let document = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Belt and braces: even a mistake in this file could not make a reader's browser fetch anything.
                .meta(.attribute(named: "http-equiv", value: "Content-Security-Policy"),
                      .content("default-src 'none'; style-src 'unsafe-inline'; img-src data:")),
                .element(named: "title", nodes: [PackText.text(title)] as [Node<HTML.HeadContext>]),
                .style(MeetingPackStyle.css)
            ),
            .body(
                SVG.patterns(),
                header(agenda, title: title),
                .element(named: "main", nodes: sections(agenda)),
                .footer(.p(PackText.text(
                    "Prepared by sop on \(agenda.preparedOn) from the records of cycle \(agenda.cycle). Every figure is the one "
                        + "`balance`, `plan diff`, `accuracy` and `scenario compare` show; `agenda` prints the same sections as text.")))
            )
        )
        return document.render() + "\n"
    }

    // MARK: - header

    static func header(_ agenda: Agenda, title: String) -> Node<HTML.BodyContext> {
        let facts: [(String, String)] = [
            ("Workflow", "\(agenda.workflowTitle) (\(agenda.workflow))"),
            ("Meeting", AgendaText.meetingLine(agenda)),
            ("Prepared", "\(agenda.preparedOn)" + (agenda.cycleState == "closed" ? " (the cycle is closed)" : "")),
            ("Since", AgendaText.sinceLine(agenda)),
        ]
        let contents: [Node<HTML.ListContext>] = MeetingPack.sectionIDs.enumerated().map { i, id in
            .li(.a(.href("#\(id)"), PackText.text(AgendaText.sections[i])))
        }
        return .header(
            .h1(PackText.text(title)),
            .dl(.group(facts.map { name, value in .group(.dt(PackText.text(name)), .dd(PackText.text(value))) })),
            .element(named: "nav", nodes: [
                .attribute(named: "aria-label", value: "Sections"),
                .ol(.group(contents)),
            ] as [Node<HTML.BodyContext>])
        )
    }

    // MARK: - sections

    static func sections(_ agenda: Agenda) -> [Node<HTML.BodyContext>] {
        let contents: [[Node<HTML.BodyContext>]] = [
            MeetingPackSections.changes(agenda),
            MeetingPackSections.stagePerformance(agenda),
            MeetingPackSections.families(agenda),
            MeetingPackSections.finance(agenda),
            MeetingPackSections.risks(agenda),
            MeetingPackSections.decisions(agenda),
            MeetingPackSections.reviews(agenda),
            MeetingPackSections.constraints(agenda),
            MeetingPackSections.longTerm(agenda),
            MeetingPackSections.actions(agenda),
        ]
        return contents.enumerated().map { i, nodes in
            .section(
                .id(sectionIDs[i]),
                .h2(PackText.text("\(i + 1). \(AgendaText.sections[i])")),
                .group(nodes)
            )
        }
    }
}
