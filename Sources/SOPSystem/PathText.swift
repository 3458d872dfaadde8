/// The folder part of a path, worked out on the text. Foundation's `deletingLastPathComponent` on
/// Linux crashes (an illegal instruction) on a one-character name such as `x`, `*` or `x/`, and paths
/// come from the user: fuzzing found `sop --db x` and `backup '*'` crashing.
public enum PathText {
    /// What `NSString.deletingLastPathComponent` answers: "" for a bare name, "/" for a file at the
    /// root, else everything before the last `/` (trailing slashes ignored).
    public static func folder(of path: String) -> String {
        var name = Substring(path)
        while name.count > 1, name.hasSuffix("/") { name.removeLast() }
        guard let slash = name.lastIndex(of: "/") else { return "" }
        var folder = name[..<slash]
        while folder.hasSuffix("/") { folder.removeLast() }
        return folder.isEmpty ? "/" : String(folder)
    }
}
