import Foundation
import Testing

/// `agenda --format html --output FILE` through the binary, on November of `Playbooks/plan-history.sop`:
/// the pack is written whole, replaced on a rerun, and refused (exit 1, nothing written, nothing
/// recorded) without a file or into a place it cannot go.
@Suite struct MeetingPackCommandTests {
    static let env = ["SOP_NOW": "2026-11-20T16:00:00Z"]

    static func played() throws -> Sandbox {
        let box = try Sandbox()
        let result = try box.run(["--now", "2026-08-03T08:00:00Z", "play", Package.path("Playbooks/plan-history.sop")])
        #expect(result.code == 0, "\(result)")
        return box
    }

    @Test func thePackIsOneFileWithEverySectionAndChart() throws {
        let box = try Self.played()
        let file = box.path("pack.html")
        let result = try box.ok(["agenda", "--format", "html", "--output", file], env: Self.env)
        #expect(result.out.hasPrefix("Wrote the 2026-11 meeting pack, ") && result.out.contains(" bytes, to \(file)."), "\(result)")
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for id in ["changes", "stage-performance", "product-families", "financial", "risks", "decisions", "reviews", "constraints", "long-term", "actions"] {
            #expect(html.contains("<section id=\"\(id)\">"), "\(id)")
        }
        for chart in ["stage-timeline", "accuracy-trend", "family-balance", "forecast-actual", "revenue-budget"] {
            #expect(html.contains("data-chart=\"\(chart)\""), "\(chart)")
        }
        // Three families: Dining, Lounge, Shade.
        #expect(html.components(separatedBy: "data-chart=\"family-balance\"").count - 1 == 3)
        #expect(!html.contains("http:") && !html.contains("https:") && !html.contains("<script"))
        // A rerun (the cron job next morning) replaces it; the other formats write a file too.
        try box.ok(["agenda", "--format", "html", "--output", file], env: Self.env)
        let markdown = try box.ok(["agenda", "--format", "markdown"], env: Self.env).out
        try box.ok(["agenda", "--format", "markdown", "--output", box.path("pack.md")], env: Self.env)
        // The file holds the agenda as printed (stdout ends with one more line feed, the printer's).
        #expect(try String(contentsOfFile: box.path("pack.md"), encoding: .utf8) + "\n" == markdown)
    }

    @Test func withoutAFileOrIntoOneItCannotWriteItIsRefused() throws {
        let box = try Self.played()
        let events = try box.eventCount()
        let cases: [([String], String)] = [
            (["agenda", "--format", "html"], "error: the HTML meeting pack is written to a file, not to the terminal (add --output FILE, e.g. --output pack.html)"),
            (["agenda", "--format", "html", "--output", box.path("no-such-folder/pack.html")], "does not exist"),
            (["agenda", "--format", "html", "--output", box.folder.path], "is a folder (name a file, e.g. \(box.folder.path)/pack.html)"),
            (["agenda", "--format", "pdf", "--output", box.path("pack.pdf")], "use --format text, markdown, json or html"),
            // Replacing renames over FILE: never over a device (as root this would replace /dev/null).
            (["agenda", "--format", "html", "--output", "/dev/null"], "error: /dev/null is not a regular file (a device, pipe or link)"),
        ]
        for (args, expected) in cases {
            let result = try box.run(args, env: Self.env)
            #expect(result.code == (args.contains("pdf") ? 2 : 1), "\(args): \(result)")
            #expect(result.out.isEmpty, "\(args): \(result)")
            #expect(result.errLines.count == 1 && isErrorLine(result.errLines[0]) && result.err.contains(expected), "\(args): \(result)")
        }
        #expect(try box.eventCount() == events, "a refusal records nothing")
        let left = try FileManager.default.contentsOfDirectory(atPath: box.folder.path).filter { $0.hasPrefix("pack") }
        #expect(left.isEmpty, "nothing written: \(left)")
    }
}
