import Foundation

extension Balance {
    /// The balance of one family (`balance --family F`): its rows and the exceptions that name it;
    /// resources stay, since a family cannot be told apart on a shared line. Refused for a family
    /// the plans do not hold, naming those they do.
    public func only(family: String) throws(Refusal) -> Balance {
        guard let found = families.first(where: { $0.family.lowercased() == family.lowercased() }) else {
            throw Refusal(
                .badArgument, "the plans of cycle \(cycle) hold no family '\(family)'",
                fix: families.isEmpty ? "submit the demand plan first" : "use \(families.map(\.family).orList)")
        }
        var one = self
        one.families = [found]
        one.exceptions = exceptions.filter { $0.family == nil || $0.family == found.family }
        return one
    }
}
