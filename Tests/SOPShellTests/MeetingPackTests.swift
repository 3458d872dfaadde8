import Foundation
@testable import SOPCore
import Testing
@testable import SOPText

/// The HTML meeting pack: the agenda's sections in meeting order with their charts, every piece of
/// participant text escaped, superseded decisions struck through, and nothing that reaches the network.
@Suite struct MeetingPackRenders {
    static func pack(_ change: (inout Agenda) -> Void = { _ in }) throws -> String {
        var agenda = try AgendaPlanSectionsRender.agenda()
        change(&agenda)
        return MeetingPack.html(agenda)
    }

    /// How often `needle` occurs in `text`.
    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func theSectionsComeInMeetingOrderEachWithItsHeading() throws {
        let html = try Self.pack()
        let places = MeetingPack.sectionIDs.map { html.range(of: "<section id=\"\($0)\">")?.lowerBound }
        #expect(places.allSatisfy { $0 != nil }, "every section is there: \(places)")
        let found = places.compactMap { $0 }
        #expect(found == found.sorted(), "in meeting order")
        for (i, title) in AgendaText.sections.enumerated() {
            #expect(html.contains("<h2>\(i + 1). \(title.replacingOccurrences(of: "&", with: "&amp;"))</h2>"), "\(title)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"/>"), "\(html.prefix(120))")
    }

    @Test func everyFigureIsDrawnWithATextAlternative() throws {
        let html = try Self.pack()
        // Two families: a balance chart each, one forecast-against-actual each (both have a lag-1 pair).
        let expected = ["stage-timeline": 1, "accuracy-trend": 1, "family-balance": 2, "forecast-actual": 2, "revenue-budget": 1, "scenario-comparison": 1]
        for (kind, n) in expected {
            #expect(count("data-chart=\"\(kind)\"", in: html) == n, "\(kind)")
        }
        let charts = count("<svg class=\"chart\"", in: html)
        #expect(charts == expected.values.reduce(0, +))
        #expect(count("role=\"img\" aria-label=\"", in: html) == charts, "each chart is an image with a label")
        #expect(count("\"><title>", in: html) >= charts, "and a <title>")
        #expect(html.contains("aria-label=\"Lounge: demand, supply and projected inventory by month, 2026-11 to 2027-02; opening inventory 0. Lounge runs short in 2026-12 to 2027-02: projected inventory down to -60 in 2027-02.\""), "\(html)")
    }

    @Test func shortagesAndSafetyStockReadWithoutColour() throws {
        var html = try Self.pack()
        // Lounge runs short from December: three hatched months, each labelled, a cross on each point.
        #expect(count("class=\"short-month\"", in: html) == 3)
        #expect(count(">short</text>", in: html) == 3)
        #expect(count("class=\"inventory-short\"", in: html) >= 3)
        #expect(!html.contains("class=\"safety\""), "no inventory snapshot, no safety stock")
        html = try Self.pack { agenda in
            guard var plan = agenda.plan.figures else { return }
            guard !plan.balance.families.isEmpty else { return }
            plan.balance.families[0].safetyStock = 40
            agenda.plan = .figures(plan)
        }
        #expect(html.contains("class=\"safety\""), "the safety stock is a dashed line")
        #expect(html.contains(">safety stock 40</text>"))
    }

    @Test func participantTextIsEscapedEverywhere() throws {
        let hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>&amp;"
        let html = try Self.pack { agenda in
            if !agenda.decisionsRecorded.isEmpty { agenda.decisionsRecorded[0].text = hostile }
            if !agenda.decisionsNeeded.isEmpty { agenda.decisionsNeeded[0].options.append(hostile) }
            if !agenda.followUpActions.open.isEmpty { agenda.followUpActions.open[0].title = hostile }
            if let r = agenda.reviews.firstIndex(where: { !$0.inputs.isEmpty && !$0.signoffs.isEmpty }) {
                agenda.reviews[r].inputs[0].content = .init(kind: .note, value: hostile)
                agenda.reviews[r].signoffs[0].comment = hostile
            }
            agenda.workflowTitle = hostile
            // A family name lands in headings and in each chart's aria-label and <title>.
            guard var plan = agenda.plan.figures, !plan.balance.families.isEmpty else { return }
            plan.balance.families[0].family = hostile
            agenda.plan = .figures(plan)
        }
        #expect(!html.contains("<script"), "no script element, not even one a note smuggled in")
        #expect(!html.contains("<img"))
        #expect(!html.contains("\"><img"), "an attribute is never closed by participant text")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;\"&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;"), "shown as the characters typed, in text")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;"), "and in attributes")
        #expect(count("alert(1)", in: html) >= 8, "every place shows it")
    }

    @Test func aSupersededDecisionIsStruckThroughAndKept() throws {
        let html = try Self.pack()
        #expect(html.contains("<del class=\"superseded\">D-1 Freeze the December plan</del> [superseded by D-2]"), "\(html)")
        #expect(html.contains("<strong>D-2 Freeze the plan from 10 December</strong> [supersedes D-1]"))
    }

    @Test func theOpenActionsAreATableWithOwnersAndDueDates() throws {
        let html = try Self.pack()
        let actions = try #require(html.range(of: "<section id=\"actions\">").map { String(html[$0.lowerBound...]) })
        #expect(actions.contains("<th scope=\"col\" class=\"text\">Owner</th>"))
        #expect(actions.contains("<th scope=\"row\" class=\"text\">A-1</th>"), "\(actions)")
        let tables = count("<table>", in: html)
        #expect(tables > 5 && count("<thead><tr><th scope=\"col\"", in: html) == tables, "every table has header cells")
    }

    @Test func nothingInThePackReachesTheNetwork() throws {
        let html = try Self.pack { agenda in
            // A link input is shown as its address, never as something a browser follows.
            if let r = agenda.reviews.firstIndex(where: { !$0.inputs.isEmpty }) {
                agenda.reviews[r].inputs[0].content = .init(kind: .link, value: "https://files.example.com/plan.xlsx")
            }
        }
        #expect(html.contains("<code>https://files.example.com/plan.xlsx</code>"))
        // Every link input reads as its address in a <code>; outside those, no address at all.
        let withoutTheLink = html.components(separatedBy: "<code>").map { $0.components(separatedBy: "</code>").last ?? "" }.joined()
        for banned in ["http:", "https:", "src=", "<link", "<script", "@import", "@font-face", "<img", "<iframe", "<object"] {
            #expect(!withoutTheLink.contains(banned), "\(banned)")
        }
        let hrefs = withoutTheLink.components(separatedBy: "href=\"").dropFirst().map { $0.prefix(1) }
        #expect(!hrefs.isEmpty && hrefs.allSatisfy { $0 == "#" }, "only links within the page: \(hrefs)")
        #expect(withoutTheLink.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") }, "patterns only")
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
    }

    @Test func itPrintsOnA4AndLetterKeepingChartsWhole() throws {
        let html = try Self.pack()
        #expect(html.contains("@page { size: auto; margin: 12mm; }"))
        #expect(html.contains("@media print"))
        #expect(html.contains("break-inside: avoid"))
        #expect(html.contains("print-color-adjust: exact"))
    }

    @Test func withoutPlanInputsOnlyTheTimelineIsDrawnAndTheSectionsSaySo() throws {
        var agenda = try AgendaSample.full()
        agenda.plan = .noPlanInputs
        let html = MeetingPack.html(agenda)
        #expect(count("<svg class=\"chart\"", in: html) == 1)
        #expect(html.contains("data-chart=\"stage-timeline\""))
        #expect(count(AgendaPlanText.noPlanInputs, in: html) == 3, "sections 3, 4 and 9")
    }
}
