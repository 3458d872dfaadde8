/// The version `sop --version` prints: the one place it is written.
public enum SOPVersion {
    public static let current = "0.9.0"
}
