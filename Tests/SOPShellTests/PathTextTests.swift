@testable import SOPShell
import Testing
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

/// Foundation's deletingLastPathComponent crashed on one-character paths (`sop --db x`, `backup '*'`).
@Suite struct PathTextTests {
    @Test(arguments: [
        ("x", ""), ("*", ""), ("x/", ""), ("~", ""), ("é", ""), ("😀", ""), ("", ""), ("ab", ""),
        ("/x", "/"), ("/", "/"), ("//", "/"), ("/ab/", "/"), ("./x", "."), ("xy/z", "xy"), ("a//b", "a"),
        ("ab/c/", "ab"), ("/srv/sop/plant.db", "/srv/sop"),
    ])
    func folderIsEverythingBeforeTheName(path: String, folder: String) {
        #expect(PathText.folder(of: path) == folder)
    }
}
