import Foundation

/// The operating-system account running `sop`, matched against participants' `login`.
public enum OSAccount {
    /// The name of the real user id's account, from the password database. Not `$USER` or `$LOGNAME`:
    /// anyone can set those, and under `identity: os` the account is what proves who acts. An id with no
    /// entry (a container's bare uid) is named `uid N`, which no sensible `login:` matches.
    public static func current() -> String {
        let uid = getuid()
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
        return String(cString: name)
    }
}
