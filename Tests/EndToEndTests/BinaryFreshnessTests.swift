import Testing

@Suite("The binary under test is the one built from these sources")
struct BinaryFreshnessTests {
    @Test func noSourceFileIsNewerThanTheBinary() {
        let newer = Package.sourcesNewerThanBinary()
        #expect(newer.isEmpty, "rebuild first (`swift build --build-tests`): changed since \(Package.binary) was linked: \(newer.prefix(5))")
    }
}
