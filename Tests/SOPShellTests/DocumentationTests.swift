import Foundation
import SOPCore
import Testing
@testable import SOPShell
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

@Suite struct DocumentationTests {
    @Test func readmeCommandReferenceIsTheGeneratedOne() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- commands:begin -->\n"))
        let end = try #require(readme.range(of: "<!-- commands:end -->"))
        let section = String(readme[begin.upperBound..<end.lowerBound])
        #expect(section == HelpText.markdown(CommandTable.all).trimmingCharacters(in: .newlines) + "\n",
                "README command reference is stale: run scripts/update-readme")
    }

    @Test func readmePermissionMatrixIsTheGeneratedOne() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- permissions:begin -->\n"))
        let end = try #require(readme.range(of: "<!-- permissions:end -->"))
        let section = String(readme[begin.upperBound..<end.lowerBound])
        #expect(section == PermissionsText.markdown() + "\n", "README permission matrix is stale: run scripts/update-readme")
        for (command, _) in Permissions.matrix { #expect(section.contains("| `\(command.rawValue)` |")) }
    }

    @Test(arguments: [
        ("monthly-sop.yaml", BundledFiles.monthlyWorkflow),
        ("six-step.yaml", BundledFiles.sixStepWorkflow),
        ("team.yaml", BundledFiles.team),
    ])
    func bundledFilesMatchWorkflowsFolder(name: String, embedded: String) throws {
        let onDisk = try String(contentsOf: packageRoot.appendingPathComponent("Workflows").appendingPathComponent(name), encoding: .utf8)
        #expect(embedded + "\n" == onDisk || embedded == onDisk, "run scripts/embed-bundled-files")
    }

    @Test func helpListsEveryCommandAndDetailsShowOptions() throws {
        let overview = HelpText.overview(CommandTable.all)
        for spec in CommandTable.all { #expect(overview.contains(spec.synopsis)) }
        let submit = try #require(CommandTable.spec(named: ["submit"]))
        let detail = HelpText.detail(submit, examples: submit.examples)
        #expect(detail.contains("usage: submit STAGE INPUT (FILE | --note TEXT | --link URL)"))
        #expect(detail.contains("--link URL"))
    }
}
